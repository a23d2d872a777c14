"""Running a function in a bounded child process forked from the warm worker.

The child gets its own session, a fresh temporary working directory, /dev/null
as stdin, a pipe for its output (drained and bounded here), resource limits,
and one private pipe on which it may send a single JSON document back. It
loses every capability, and as root becomes `nobody` when the Python install
allows it. The worker that forks it is, where the OS allows, the init of its
own PID, network and mount namespaces (``enter_namespaces``), so the child can
reach no process outside and has no network. Whatever it sends is untrusted
data: callers validate it. Nothing the child starts outlives ``run_in_child``.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from grader.child.sender import EXIT_FAILED, Finish, Sender, refuse_outside_sender
from grader.contract.limits import Limits
from grader.runner import seccomp
from grader.runner.landlock import Confinement
from grader.runner.processes import die_with_parent, memory_in_use, read_proc

MAX_RESULT_BYTES = 64 * 1024 * 1024
DRAIN_AFTER_EXIT = 0.5  # seconds spent reading the child's pipes once it has exited

# Linux constants (prctl(2), capabilities(7), unshare(2), mount(2)).
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 24, 38
LINUX_CAPABILITY_VERSION_3 = 0x20080522
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 16384, 262144
MNT_DETACH = 2


@dataclass(frozen=True)
class ChildResult:
    payload: Any  # the decoded JSON the child sent, or None if it sent nothing valid
    exit_code: int | None  # set when the child exited
    signal: int | None  # set when a signal killed it
    timed_out: bool
    output: str
    elapsed: float
    peak_memory: int = 0  # bytes of resident memory at the child's peak, as the kernel counted it
    result_bytes: int = 0  # bytes that arrived on the result pipe, valid or not


@dataclass(frozen=True)
class Sandbox:
    """How the worker confines its children beyond their limits; set up once, before any fork."""

    as_nobody: bool = False  # as root, children become `nobody` (when it can read the Python install)
    confinement: Confinement | None = None  # Landlock rules each child enforces on itself
    runs_dir: str | None = None  # where each child gets its own working directory (None: the temp folder)
    proc: int | None = None  # an open /proc directory, which still works where /proc was hidden
    shared_memory: str | None = None  # a private /dev/shm children may write (semaphores), emptied after each
    known_code: frozenset[int] | None = None  # code allowed to run in the sender thread (None: no guard)


def protections(reported: Mapping[str, str], limits: Limits) -> dict[str, str]:
    """What confined a submission, in words for a report: the worker's own account (``reported``:
    user, namespaces, Landlock, /proc, from its first line) and what every child enforces wherever
    it runs, with or without namespaces: its limits, no capabilities, and the seccomp filter (a
    child that cannot install the filter on a machine it knows refuses to run, see ``_child_main``)."""
    report = dict(reported)
    report["limits"] = (f"{limits.timeout:g} s wall clock, {limits.memory / 2**30:g} GiB memory, "
                        f"files up to {limits.file_size / 2**20:g} MiB, no core dumps")
    report["capabilities"] = "all dropped, no new privileges"
    report["seccomp"] = ("on: no system call that reaches another process" if seccomp.program() is not None
                         else f"off: no filter for {platform.machine()}")
    return report


def run_in_child(target: Callable[[], Any], limits: Limits, sandbox: Sandbox = Sandbox(), *,
                 finish: Finish | None = None) -> ChildResult:
    """Fork, run ``target()`` in the child's main thread and ``finish`` on what it returned in
    the child's sender thread (``grader.child.sender``), and return what the sender sent and how
    the child ended. Only the sender can write the result: code that ``target`` runs cannot.
    Without ``finish``, what ``target`` returned is sent as it is.

    The child always drops every capability and enforces ``sandbox``.
    """
    workdir = tempfile.mkdtemp(prefix="grader-run-", dir=sandbox.runs_dir)
    mapped = memory_in_use(sandbox.proc)[0]  # the child starts with the same mappings
    result_r, result_w = os.pipe()
    output_r, output_w = os.pipe()
    existing_children = set(_children_of(os.getpid(), sandbox.proc))
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, reported through the pipe
        _child_main(target, finish or Finish(_unchanged), limits, sandbox, result_w, output_w, workdir, mapped)
    os.close(result_w)
    os.close(output_w)
    result = _Capture(MAX_RESULT_BYTES)
    output = _Capture(limits.output)
    try:
        timed_out = _collect(pid, {result_r: result, output_r: output}, started + limits.timeout)
        status, peak_memory = _reap(pid)
    finally:
        _kill_escaped(existing_children, sandbox.proc)
        os.close(result_r)
        os.close(output_r)
        shutil.rmtree(workdir, ignore_errors=True)
        if sandbox.shared_memory:
            _empty(sandbox.shared_memory)
    try:
        payload = json.loads(result.value()) if result.value() and not timed_out else None
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python parses
        payload = None
    return ChildResult(
        payload=payload,
        exit_code=os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
        signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        timed_out=timed_out,
        output=output.text(),
        elapsed=time.monotonic() - started,
        peak_memory=peak_memory,
        result_bytes=result.size,
    )


class _Capture:
    """Bytes read from one of the child's pipes, keeping at most ``limit`` of them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.kept = 0  # bytes in parts
        self.size = 0  # bytes read in all

    def read_from(self, fd: int) -> bool:
        """One read; False at end of file."""
        data = os.read(fd, 1 << 16)
        if data and self.kept < self.limit:
            self.parts.append(data[: self.limit - self.kept])
            self.kept += len(self.parts[-1])
        self.size += len(data)
        return bool(data)

    def value(self) -> bytes:
        """Everything, or nothing if more than the limit arrived (a result is whole or void)."""
        return b"" if self.size > self.limit else b"".join(self.parts)

    def text(self) -> str:
        """The first ``limit`` bytes as text, with a note when the rest was dropped."""
        text = b"".join(self.parts).decode("utf-8", errors="replace")
        if self.size > self.limit:
            text += f"\n[grader: output truncated: kept the first {self.limit:,} of {self.size:,} bytes]"
        return text


def _collect(pid: int, captures: dict[int, _Capture], deadline: float) -> bool:
    """Drain the child's pipes until the child exits (False) or the deadline passes (True).

    The child is left unreaped so that its process group id stays valid for ``_reap``.
    A grandchild may hold a pipe open forever, so the child's own exit ends the wait.
    """
    open_fds = list(captures)
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return True
        if open_fds:
            ready, _, _ = select.select(open_fds, [], [], min(remaining, 0.05))
            for fd in ready:
                if not captures[fd].read_from(fd):
                    open_fds.remove(fd)
        else:
            time.sleep(min(remaining, 0.001))
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            # What is left in the pipes, but not forever: a grandchild may keep writing to them.
            until = min(deadline, time.monotonic() + DRAIN_AFTER_EXIT)
            for fd in open_fds:
                os.set_blocking(fd, False)
                try:
                    while captures[fd].read_from(fd) and time.monotonic() < until:
                        pass
                except BlockingIOError:
                    pass
            return False


def _reap(pid: int) -> tuple[int, int]:
    """Kill the child's whole process group; return its wait status and peak resident memory."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    _, status, usage = os.wait4(pid, 0)
    return status, usage.ru_maxrss * 1024


def _children_of(pid: int, proc: int | None) -> list[int]:
    children = []
    try:
        entries = os.listdir(proc if proc is not None else "/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            fields = read_proc(f"{entry}/stat", proc).rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def _empty(folder: str) -> None:
    """Remove everything in ``folder``, keeping the folder itself."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _kill_escaped(keep: set[int], proc: int | None) -> None:
    """Kill and reap children that were not there before the run: descendants that left the
    child's process group (setsid, double fork) and were re-parented to this subreaper."""
    for _ in range(100):  # each round also catches the orphans of the previous round's victims
        escaped = [pid for pid in _children_of(os.getpid(), proc) if pid not in keep]
        if not escaped:
            return
        for pid in escaped:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in escaped:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _child_main(
    target: Callable[[], Any],
    finish: Finish,
    limits: Limits,
    sandbox: Sandbox,
    result_w: int,
    output_w: int,
    workdir: str,
    mapped: int,
) -> None:  # pragma: no cover - runs in the child
    try:
        os.setsid()
        die_with_parent()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(output_w, 1)
        os.dup2(output_w, 2)
        # Keep only stdio and the result pipe: the worker's protocol pipes must be unreachable.
        confinement = sandbox.confinement
        _close_all_but(result_w, *([confinement.fd] if confinement else []))
        os.chdir(workdir)
        os.environ["HOME"] = os.environ["TMPDIR"] = tempfile.tempdir = workdir
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        _drop_privileges(workdir, sandbox.as_nobody)
        if confinement is not None:
            own = Confinement.writes_only_beneath([workdir, *([sandbox.shared_memory] if sandbox.shared_memory else [])])
            if not confinement.enforce() or own is None or not own.enforce():
                raise OSError("the Landlock ruleset could not be enforced")
            os.close(confinement.fd)
            os.close(own.fd)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _apply_limits(limits, mapped)
        sender = Sender(result_w, finish, sandbox.known_code)
        if seccomp.program() is not None and not seccomp.install():  # this thread and all it starts
            raise OSError("the seccomp filter could not be installed")
        if sender.private:
            refuse_outside_sender(sender.ident)
        sender.hand_over(target())
    except BaseException:  # noqa: BLE001 - the child must always reach os._exit
        pass
    finally:
        os._exit(EXIT_FAILED)


def _unchanged(state: Any, claimed: Any) -> Any:
    return state


def _close_all_but(*keep: int) -> None:
    """Close every file descriptor above stdio except ``keep``."""
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 65536)


def enter_namespaces() -> frozenset[str]:
    """Make the calling worker the init of new PID, network and mount namespaces, as far as the
    OS allows (with a user namespace when not root). Returns the namespaces it is the init of
    ("pid", "network", "mount"): none unless a PID namespace was entered.

    Call it before anything else in the worker process. On success the caller has forked: the
    original process stays behind as a relay that ends as the init ends, and the function returns
    in the init, PID 1 of the new namespace, with its own /proc. Children it forks then cannot
    signal or see anything outside, and the kernel kills them all when the init exits.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return frozenset()
    isolated = CLONE_NEWPID | CLONE_NEWNET
    for flags in (isolated | CLONE_NEWNS, CLONE_NEWUSER | isolated | CLONE_NEWNS, isolated,
                  CLONE_NEWUSER | isolated, CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            break
    else:
        return frozenset()
    if not flags & CLONE_NEWPID:
        return frozenset()
    init = os.fork()  # the first child in a new PID namespace is its init
    if init:
        _relay_exit(init)
    die_with_parent()
    entered = {"pid", "network"}
    if (flags & CLONE_NEWNS and libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0
            and libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None) == 0):
        entered.add("mount")
    return frozenset(entered)


def open_proc() -> int | None:
    """/proc as an open directory, for the worker's own use once ``hide_proc`` has run."""
    try:
        return os.open("/proc", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None


def private_tmpfs(path: str, size: int) -> bool:
    """Mount an empty tmpfs of ``size`` bytes on ``path``, where nothing can be executed (so no
    library a submission writes there can be loaded); only call it in the worker's own mount
    namespace. Returns whether it was mounted."""
    try:
        options = f"size={size},mode=1777".encode()
        flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
        return ctypes.CDLL(None, use_errno=True).mount(b"tmpfs", path.encode(), b"tmpfs", flags, options) == 0
    except (OSError, AttributeError):
        return False


def remove_private_tmpfs(path: str) -> None:
    """Unmount a ``private_tmpfs`` and remove the folder it covered (which other processes see,
    empty); only call it in the worker's own mount namespace."""
    try:
        ctypes.CDLL(None, use_errno=True).umount2(path.encode(), MNT_DETACH)
    except (OSError, AttributeError):
        pass
    shutil.rmtree(path, ignore_errors=True)


def hide_proc() -> bool:
    """Take /proc away from the worker's children; only call it in the worker's own mount
    namespace (``enter_namespaces``). Through /proc/<pid>/task/<tid>/fd a submission could reopen
    the sender thread's result pipe; directories opened before stay usable (``open_proc``)."""
    try:  # an empty read-only tmpfs on top: unmounting would uncover the /proc mounted below
        flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
        return ctypes.CDLL(None, use_errno=True).mount(b"none", b"/proc", b"tmpfs", flags, b"size=4k") == 0
    except (OSError, AttributeError):
        return False


def _relay_exit(child: int) -> None:  # pragma: no cover - the launcher's whole remaining life
    """Hold no pipe (so the client sees the init's end), wait for ``child``, end the same way."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(devnull, fd)
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 70)


def _drop_privileges(workdir: str, as_nobody: bool) -> None:  # pragma: no cover - runs in the child
    """Give up what could reach other processes: root becomes `nobody` where that works;
    otherwise every capability goes (no ptrace, no /proc access to the non-dumpable worker)."""
    if as_nobody and os.geteuid() == 0:
        uid, gid = _nobody()
        os.chown(workdir, uid, gid)
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in range(64):
        libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)  # unknown numbers fail harmlessly
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
    libc.capset(header, (ctypes.c_uint32 * 6)())


def _nobody() -> tuple[int, int]:
    try:
        import pwd

        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except (ImportError, KeyError):
        return 65534, 65534


def nobody_can_run_python(paths: list[str]) -> bool:
    """Whether a child that became `nobody` could still read ``paths`` (the Python install).

    Only meaningful as root; where Python lives in a private home (e.g. /root/.pyenv),
    `nobody` cannot import the standard library and children keep the user id instead.
    """
    if os.geteuid() != 0:
        return False
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            uid, gid = _nobody()
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            for path in paths:
                with open(path, "rb"):
                    pass
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _apply_limits(limits: Limits, mapped: int) -> None:  # pragma: no cover - runs in the child
    cpu = int(limits.timeout * 2) + 5  # threads add CPU time faster than the wall clock
    for which, value in (
        (resource.RLIMIT_AS, mapped + limits.memory),
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_FSIZE, limits.file_size),
        (resource.RLIMIT_CORE, 0),
    ):
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


