"""Running a function in a bounded child process forked from the warm worker.

The child gets its own session (so the whole process group can be killed), a
fresh temporary working directory, /dev/null as stdin, a bounded file for its
stdout and stderr, resource limits, and one private pipe on which it may send a
single JSON document back. Whatever it sends is untrusted data: callers
validate it. Nothing the child does can outlive ``run_in_child``.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Callable

MAX_RESULT_BYTES = 64 * 1024 * 1024
PR_SET_CHILD_SUBREAPER = 36
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


@dataclass(frozen=True)
class Limits:
    """Bounds for one child process. Each field's ``help`` also feeds the CLI's --help."""

    timeout: float = field(default=60.0, metadata={
        "help": "wall-clock seconds before a submission and everything it started are stopped"})
    memory: int = field(default=4 * 1024**3, metadata={
        "help": "bytes of memory a submission may use beyond the preloaded TensorFlow"})
    file_size: int = field(default=64 * 1024**2, metadata={"help": "largest file a submission may write, in bytes"})
    output: int = field(default=1024**2, metadata={
        "help": "bytes of printed output kept for the report; the rest is dropped with a note"})


@dataclass(frozen=True)
class ChildResult:
    payload: Any  # the decoded JSON the child sent, or None if it sent nothing valid
    exit_code: int | None  # set when the child exited
    signal: int | None  # set when a signal killed it
    timed_out: bool
    output: str
    elapsed: float
    peak_memory: int = 0  # bytes of resident memory at the child's peak, as the kernel counted it


def run_in_child(target: Callable[[], Any], limits: Limits) -> ChildResult:
    """Fork, run ``target()`` in the child, and return what it sent and how it ended."""
    workdir = tempfile.mkdtemp(prefix="grader-run-")
    output_path = os.path.join(workdir, ".output")
    sandbox_dir = os.path.join(workdir, "cwd")
    os.mkdir(sandbox_dir)
    read_fd, write_fd = os.pipe()
    existing_children = set(_children_of(os.getpid()))
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, reported through the pipe
        _child_main(target, limits, read_fd, write_fd, output_path, sandbox_dir)
    os.close(write_fd)
    try:
        raw, timed_out = _collect(pid, read_fd, started + limits.timeout)
        status, peak_memory = _reap(pid)
        output = _read_output(output_path, limits.output)
    finally:
        _kill_escaped(existing_children)
        os.close(read_fd)
        shutil.rmtree(workdir, ignore_errors=True)
    try:
        payload = json.loads(raw) if raw else None
    except ValueError:
        payload = None
    return ChildResult(
        payload=payload,
        exit_code=os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else None,
        signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        timed_out=timed_out,
        output=output,
        elapsed=time.monotonic() - started,
        peak_memory=peak_memory,
    )


def _collect(pid: int, read_fd: int, deadline: float) -> tuple[bytes, bool]:
    """Read the child's result until it exits or the deadline passes (then the bool is True).

    The child is left unreaped so that its process group id stays valid for ``_reap``.
    """
    buffer = _ResultBuffer()
    pipe_open = True
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", True
        if pipe_open:
            ready, _, _ = select.select([read_fd], [], [], min(remaining, 0.05))
            if ready:
                pipe_open = buffer.read_from(read_fd)
                continue
        else:
            time.sleep(min(remaining, 0.01))
        # A grandchild may hold the pipe open forever: the child's own exit ends the wait.
        if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
            os.set_blocking(read_fd, False)
            try:
                while buffer.read_from(read_fd):
                    pass
            except BlockingIOError:
                pass
            return buffer.value(), False


class _ResultBuffer:
    """Bytes from the result pipe; past MAX_RESULT_BYTES the result is discarded whole."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def read_from(self, fd: int) -> bool:
        """One read; False at end of file."""
        data = os.read(fd, 1 << 16)
        self.size += len(data)
        if data and self.size <= MAX_RESULT_BYTES:
            self.parts.append(data)
        return bool(data)

    def value(self) -> bytes:
        return b"" if self.size > MAX_RESULT_BYTES else b"".join(self.parts)


def _reap(pid: int) -> tuple[int, int]:
    """Kill the child's whole process group; return its wait status and peak resident memory."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    _, status, usage = os.wait4(pid, 0)
    return status, usage.ru_maxrss * 1024


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux), so that processes a submission detaches can still be found."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _children_of(pid: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def _kill_escaped(keep: set[int]) -> None:
    """Kill and reap children that were not there before the run: descendants that left the
    child's process group (setsid, double fork) and were re-parented to this subreaper."""
    for _ in range(100):  # each round also catches the orphans of the previous round's victims
        escaped = [pid for pid in _children_of(os.getpid()) if pid not in keep]
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


def _read_output(path: str, limit: int) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        return ""
    text = data[:limit].decode("utf-8", errors="replace")
    if len(data) > limit:
        text += f"\n[grader: output truncated after {limit:,} bytes]"
    return text


def _child_main(
    target: Callable[[], Any],
    limits: Limits,
    read_fd: int,
    write_fd: int,
    output_path: str,
    sandbox_dir: str,
) -> None:  # pragma: no cover - runs in the child
    code = 70
    try:
        os.setsid()
        os.close(read_fd)
        out = os.open(output_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out, 1)
        os.dup2(out, 2)
        # Keep only stdio and the result pipe: the worker's protocol pipes must be unreachable.
        os.closerange(3, write_fd)
        os.closerange(write_fd + 1, 65536)
        os.chdir(sandbox_dir)
        _leave_network()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _apply_limits(limits)
        result = target()
        data = json.dumps(result, default=repr).encode()
        view = memoryview(data)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
        code = 0
    except BaseException:  # noqa: BLE001 - the child must always reach os._exit
        code = 70
    finally:
        os._exit(code)


def _apply_limits(limits: Limits) -> None:  # pragma: no cover - runs in the child
    mapped = _address_space_in_use()
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


def _leave_network() -> None:  # pragma: no cover - runs in the child
    """Move into a new, empty network namespace where the OS allows it (root, or user namespaces)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return


def _address_space_in_use() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0
