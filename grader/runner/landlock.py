"""Confining a child's file system, network and signals with Linux Landlock.

Landlock needs no privileges and no namespaces, so it holds wherever the kernel has it
(5.13 and later), root or not. The worker builds one ruleset before it forks any child
(``Confinement.build``); each child enforces it on itself (``Confinement.enforce``), after
which, for it and everything it starts, and with no way back:

- files may be read (and executed) only in the system's library and program folders, the
  Python installation, the packages the worker had imported (the grader's own package,
  not the folder around it) and a few files of /etc that libraries look up;
- files may be written, created or removed only in the child's own run directory (and
  /dev/null and a private /dev/shm), so no submission can rewrite the grader, Keras, another
  student's files or leave anything for the next submission (a second ruleset, made by the
  child for its own directory, ``Confinement.writes_only_beneath``);
- TCP connections and listening sockets are refused (ABI 4), and so are signals to
  processes outside the child and its descendants (ABI 6).

What the kernel's ABI does not offer is left out, and reported by ``describe``.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""

from __future__ import annotations

import ctypes
import os
import sys
from dataclasses import dataclass

# Syscall numbers are the same on every architecture (asm-generic numbering).
SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1

# Access rights to files (landlock.h), and the ABI that introduced each group.
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG = 1 << 4, 1 << 5, 1 << 6, 1 << 7, 1 << 8
MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15  # ABI 2, 3, 5
FS_RIGHTS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1}
ALL_FS_RIGHTS = (1 << 16) - 1  # ABI 5 and later
FILE_ONLY_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV  # all a rule on a file may grant
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

READ = EXECUTE | READ_FILE | READ_DIR
# System folders whose files any program may need; the rest of the machine (homes, /tmp, /srv,
# /work, /mnt, the submissions, the gradebook, the reference solutions) stays unreadable.
SYSTEM_FOLDERS = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/dev", "/sys", "/proc")
ETC_ENTRIES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "passwd", "group",
               "nsswitch.conf", "host.conf", "hosts", "resolv.conf", "gai.conf", "os-release", "mime.types",
               "ssl", "fonts", "matplotlibrc", "alternatives")


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@dataclass(frozen=True)
class Confinement:
    """A Landlock ruleset file descriptor, made once and enforced by each child on itself."""

    fd: int
    abi: int

    @classmethod
    def build(cls, readable: list[str], writable: list[str]) -> Confinement | None:
        """A ruleset granting read access beneath ``readable`` and every access beneath
        ``writable``; None where the kernel has no Landlock."""
        libc = _libc()
        abi = libc.syscall(SYS_CREATE_RULESET, None, 0, CREATE_RULESET_VERSION) if libc else -1
        if abi < 1:
            return None
        handled_fs = FS_RIGHTS_BY_ABI.get(abi, ALL_FS_RIGHTS)
        attr = _RulesetAttr(handled_fs, NET_BIND_TCP | NET_CONNECT_TCP if abi >= 4 else 0,
                            SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0)
        size = ctypes.sizeof(attr) if abi >= 6 else 16 if abi >= 4 else 8
        fd = libc.syscall(SYS_CREATE_RULESET, ctypes.byref(attr), size, 0)
        if fd < 0:
            return None
        for path in readable:
            _allow(libc, fd, path, READ & handled_fs)
        for path in writable:
            _allow(libc, fd, path, handled_fs)
        _allow(libc, fd, os.devnull, READ_FILE | WRITE_FILE)
        os.set_inheritable(fd, False)
        return cls(fd, abi)

    @classmethod
    def writes_only_beneath(cls, writable: list[str]) -> Confinement | None:
        """A ruleset that handles writing only, granting it beneath ``writable`` (and /dev/null):
        enforced on top of the worker's, it narrows where one child may write to its own run
        directory, without another look at what it may read."""
        libc = _libc()
        abi = libc.syscall(SYS_CREATE_RULESET, None, 0, CREATE_RULESET_VERSION) if libc else -1
        if abi < 1:
            return None
        handled_fs = FS_RIGHTS_BY_ABI.get(abi, ALL_FS_RIGHTS) & ~READ
        fd = libc.syscall(SYS_CREATE_RULESET, ctypes.byref(_RulesetAttr(handled_fs, 0, 0)), 8, 0)
        if fd < 0:
            return None
        for path in writable:
            _allow(libc, fd, path, handled_fs)
        _allow(libc, fd, os.devnull, WRITE_FILE)
        return cls(fd, abi)

    def enforce(self) -> bool:
        """Confine the calling thread and all it starts from now on (needs no_new_privs)."""
        libc = _libc()
        return bool(libc) and libc.syscall(SYS_RESTRICT_SELF, self.fd, 0) == 0

    def describe(self) -> str:
        parts = ["reads limited to the system and Python", "writes to its own directory"]
        if self.abi >= 4:
            parts.append("no TCP")
        if self.abi >= 6:
            parts.append("no signals beyond its own processes")
        return f"Landlock ABI {self.abi}: " + ", ".join(parts)


def readable_paths(extra: list[str] = ()) -> list[str]:
    """The system's folders, the Python installation and the packages imported so far."""
    paths = [*SYSTEM_FOLDERS, *(os.path.join("/etc", entry) for entry in ETC_ENTRIES), *extra]
    paths += {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
    for name, module in list(sys.modules.items()):
        location = getattr(module, "__file__", None)
        if "." in name or not isinstance(location, str):
            continue
        # A package's folder, or a single module's file: never the folder around it (a project
        # installed in editable mode sits beside its solutions, tests and examples).
        paths.append(os.path.dirname(location) if getattr(module, "__path__", None) else location)
    return paths


def _allow(libc: ctypes.CDLL, ruleset: int, path: str, access: int) -> None:
    try:
        target = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a folder this machine does not have
    try:
        if not os.path.isdir(path):
            access &= FILE_ONLY_RIGHTS
        rule = _PathBeneathAttr(access, target)
        libc.syscall(SYS_ADD_RULE, ruleset, RULE_PATH_BENEATH, ctypes.byref(rule), 0)
    finally:
        os.close(target)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        return libc
    except OSError:
        return None
