"""Linux process controls shared by the worker, its sandboxed children and the describer: die with
the parent, adopt orphans, read this process's memory from /proc. Imports only the standard library.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""

from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 1, 4, 36


def read_proc(name: str, proc: int | None) -> bytes:
    """A file of /proc, through the open directory ``proc`` when there is one."""
    fd = os.open(name if proc is not None else f"/proc/{name}", os.O_RDONLY | os.O_CLOEXEC, dir_fd=proc)
    try:
        return os.read(fd, 1 << 16)
    finally:
        os.close(fd)


def die_with_parent() -> None:
    """Be killed when the parent process dies (Linux), so a killed grader leaves nothing running."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def harden_worker() -> None:
    """Adopt orphaned descendants and refuse /proc access to the worker's fds and memory (Linux)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def memory_in_use(proc: int | None = None) -> tuple[int, int]:
    """This process's mapped address space and resident memory, in bytes ((0, 0) if unknown)."""
    try:
        mapped, resident = read_proc("self/statm", proc).split()[:2]
        page = os.sysconf("SC_PAGE_SIZE")
        return int(mapped) * page, int(resident) * page
    except (OSError, ValueError):
        return 0, 0
