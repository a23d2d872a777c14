"""The one thread of a sandboxed child that can send its result; the student's code cannot.

Whatever the grader's code in a process can do, code that runs earlier in the same process can
do first: with the result pipe in its file table, a submission could write the export of a
correct model it built on the side and call ``os._exit(0)``. So a child runs two threads:

- the *main thread* runs the student's code, and its file table no longer holds the pipe;
- the *sender thread*, started before the student's code, took a private copy of the file table
  (``unshare(CLONE_FILES)``), moved the pipe to a random descriptor in it, and waits. When the
  main thread hands over, the sender builds the result from the student's objects
  (``Finish``), writes it and ends the process.

Threads the student starts and processes it forks share or copy the main thread's table. What
remains is to reach into the sender thread, and each way is closed:

- ``/proc/<pid>/task/<tid>/fd``: the worker takes /proc away from its children where it has a
  mount namespace (``grader.runner.sandbox.hide_proc``);
- native code (``pidfd_getfd``, or writing the sender's memory): ``ctypes`` is refused outside
  the sender by an audit hook, which Python code cannot remove; run directories are mounted
  ``noexec``; a seccomp filter refuses the calls that reach into other threads
  (``grader.runner.seccomp``);
- the sender's locals (its frame) and the collector's list of every object: refused outside the
  sender by the same audit hook. What the sender works from is immutable anyway;
- the student's code running in the sender: it runs under a profile function that stops at the
  first Python function whose code did not exist before the student's code ran (a finaliser, a
  method of the student's own class) and sends an error instead, using only objects bound when
  it was made. Python does not profile audit hooks, so the submission may not add any
  (``grader.child.export``), nor finalisers run by a collection that starts inside the profile
  function's own calls, so the collector is off while the sender works. C-level callables (a
  ``functools.partial``) have no frame to see: the export first puts back every function the
  submission replaced in a module or class (``grader.child.fingerprint``), and checks that nothing it
  left in a container that existed before it ran, or anywhere reachable from the model, is such
  a callable (``grader.child.containers``, ``grader.integrity.planted``); code hidden on Keras' own objects
  of the model is removed before the export describes them (``grader.integrity.model_methods``);
- concurrency: the sender starts only once the main thread waits in ``hand_over`` (where the
  student's signal handlers and timers are switched off) and no other thread of the student's
  runs; a thread still running after a second is reported instead (``threads``).

What is left is code that writes the process's memory directly (NumPy will view any address
through ``__array_interface__``): no check inside the process can stand up to it.

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

import _thread
import ctypes
import gc
import json
import operator
import os
import random
import resource
import signal
import sys
import time
import types
from functools import partial
from itertools import compress
from operator import attrgetter
from typing import Any, Callable, NamedTuple, NoReturn

CLONE_FILES = 0x00000400
LOWEST_RESULT_FD = 1024
EXIT_FAILED = 70  # the child could not produce a result; the worker reports how it ended

# Modules restored before the sender encodes its result, so that a submission that patched them
# cannot break the sending of its own verdict (``finish`` reports such tampering itself).
RESTORED_MODULES = ("builtins", "json", "json.encoder", "json.decoder")

FOREIGN_CODE_MESSAGE = (
    "Code of your own (`{name}`) would have run while the grader exported the model: a method of a "
    "class of your own, a finaliser (`__del__`), or a replaced Keras or Python function. The grader "
    "only grades models built from Keras' own classes and functions, since code of your own could "
    "report anything about the model."
)
THREADS_GRACE = 1.0  # seconds the sender waits for the submission's own threads to end
SWITCH_INTERVAL_WHILE_EXPORTING = 100.0  # seconds: no forced switch to another thread
THREADS_RUNNING_RESULT = json.dumps({"error": {"kind": "threads", "line": None, "message": (
    "Your code ended with threads of its own still running (started with threading or _thread). "
    "The grader exports a model only once the submission's threads have finished, since a thread "
    "still running could change the model while it is read: join them (thread.join()) or let "
    "them end before your code does.")}}).encode()
HANDLED_SIGNALS = tuple(sorted(int(signum) for signum in signal.valid_signals()))
INTROSPECTION_EVENTS = frozenset({"sys._current_frames", "gc.get_objects", "gc.get_referrers", "gc.get_referents"})
NAME_PLACEHOLDER = "@@name@@"
SAFE_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.<>")
UNSAFE_NAME_BYTES = bytes(byte for byte in range(256) if byte not in SAFE_NAME_BYTES)


def known_code() -> frozenset[int]:
    """The ids of every code object of every function alive now, nested ones included.

    Taken in the worker before any child is forked; the objects stay alive in the worker's
    modules, so no id is reused by a submission's code."""
    import gc

    seen: dict[int, types.CodeType] = {}
    everything = gc.get_objects()
    functions = compress(everything, map(partial(operator.is_, types.FunctionType), map(type, everything)))
    pending = list(map(attrgetter("__code__"), functions))
    while pending:
        code = pending.pop()
        if id(code) not in seen:
            seen[id(code)] = code
            pending += [const for const in code.co_consts if type(const) is types.CodeType]
    return frozenset(seen)


class Finish(NamedTuple):
    """What the sender runs on what the main thread hands over: ``function(state, claimed, *args)``,
    where ``claimed`` is what ``claim()`` returned in the sender before the student's code ran
    (so that only the sender holds it). A tuple, so that the student's code cannot edit it."""

    function: Callable[..., Any]
    args: tuple[Any, ...] = ()
    claim: Callable[[], Any] | None = None


class Sender:
    """Starts the sender thread; ``hand_over`` then gives it what the main thread produced."""

    def __init__(self, result_fd: int, finish: Finish, known: frozenset[int] | None) -> None:
        box: list[Any] = []  # what the main thread hands over
        gate = _thread.allocate_lock()
        gate.acquire()
        self.hand_over = _hand_over_to(box, gate)
        ready = _thread.allocate_lock()
        ready.acquire()
        outcome: list[bool] = []
        self.ident = _thread.start_new_thread(self._run, (
            result_fd, finish, known, box, gate, self.hand_over.__code__, ready, outcome, _thread.get_ident()))
        ready.acquire()  # the sender has its own file table, or could not get one
        self.private = bool(outcome and outcome[0])
        if self.private:
            os.close(result_fd)  # from the main thread's table only

    @staticmethod
    def _run(result_fd: int, finish: Finish, known: frozenset[int] | None, box: list[Any],
             gate: Any, parked: types.CodeType, ready: Any, outcome: list[bool], main: int) -> None:
        code, exit_now = EXIT_FAILED, os._exit
        try:
            # Everything the sender uses later is bound here, before the student's code runs:
            # this thread's locals are out of its reach, attributes and globals are not.
            function, args = finish.function, finish.args
            claimed = finish.claim() if finish.claim is not None else None
            dumps, write, frames, threads, count = json.dumps, os.write, sys._current_frames, _thread._count, len
            sleep, monotonic, disable_gc, switch = time.sleep, time.monotonic, gc.disable, sys.setswitchinterval
            threads_result, grace, long_switch = THREADS_RUNNING_RESULT, THREADS_GRACE, SWITCH_INTERVAL_WHILE_EXPORTING
            # The sender and no other, before the student's code runs. Not always 1: a fork keeps
            # the parent's count of its threads, which never end in the child (a process that
            # forks the child while threads of its own run, such as a test runner's).
            alone = threads()
            fd = result_fd
            if _unshare_files():
                fd = _move_to_random_fd(result_fd)
                outcome.append(True)
            if known is not None:
                sys.setprofile(_guard(known, fd))
            saved = tuple((vars(sys.modules[name]), tuple(vars(sys.modules[name]).items()))
                          for name in RESTORED_MODULES if name in sys.modules)
            ready.release()
            gate.acquire()  # until the main thread hands over
            # Export only once the main thread waits in hand_over and no other thread of the
            # submission's runs (counted by _thread, which also sees threads with no Python frame
            # running C-level callables): nothing can then re-enable the garbage collector, whose
            # finalisers Python would run unprofiled inside the guard's own calls. Written out
            # here, with no function call of Python's, for the same reason.
            deadline = monotonic() + grace
            quiet = 0
            while True:
                disable_gc()
                sleep(0.0005)  # a thread started but not yet counted waits for the GIL: this lets it take it
                running = frames()
                main_frame = running.get(main)
                quiet = quiet + 1 if threads() == alone and main_frame is not None and main_frame.f_code is parked else 0
                running = main_frame = None
                if quiet == 2:
                    break
                if monotonic() > deadline:
                    write(fd, threads_result)
                    exit_now(0)
            switch(long_switch)  # from now on a late thread gets the GIL only when the export blocks
            result = function(box[-1] if box else None, claimed, *args)
            if threads() != alone:  # a thread the checks above missed started while the sender worked
                write(fd, threads_result)
                exit_now(0)
            for namespace, items in saved:  # what encoding the result relies on
                namespace.clear()
                namespace.update(items)
            view = memoryview(dumps(result, default=repr).encode())
            while view:
                view = view[write(fd, view):]
            code = 0
        except BaseException:  # noqa: BLE001 - the process must always end here
            pass
        finally:
            if ready.locked():
                ready.release()
            exit_now(code)


def _hand_over_to(box: list[Any], gate: Any) -> Callable[[Any], NoReturn]:
    """The main thread's way out: ``hand_over(state)`` lets the sender build and send the result
    from ``state`` and waits there until the sender ends the process."""

    def hand_over(state: Any, _box: list[Any] = box, _release: Any = gate.release, _append: Any = list.append,
                  _signals: tuple[int, ...] = HANDLED_SIGNALS, _getsignal: Any = signal.getsignal,
                  _setsignal: Any = signal.signal, _setitimer: Any = signal.setitimer,
                  _default: Any = signal.SIG_DFL, _ignore: Any = signal.SIG_IGN,
                  _timers: tuple[int, ...] = (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF),
                  _errors: tuple[type, ...] = (OSError, ValueError, RuntimeError),
                  _disable_gc: Any = gc.disable, _sleep: Any = time.sleep) -> NoReturn:
        # Every name is bound above and nothing here calls the submission's code: it may have
        # replaced built-ins and dunder methods. First the collector, so that no finaliser runs.
        _disable_gc()
        replaced: list[Any] = []  # kept, so that dropping a handler runs no finaliser
        for signum in _signals:  # no handler of the submission's may run while the sender works
            try:
                handler = _getsignal(signum)
                if handler is not _default and handler is not _ignore and handler is not None:
                    _append(replaced, handler)
                    _setsignal(signum, _ignore)
            except _errors:
                pass
        for timer in _timers:
            _setitimer(timer, 0)
        _append(_box, state)
        _release()
        while True:
            _sleep(3600)

    return hand_over


def refuse_outside_sender(sender: int) -> None:
    """From now on, in every thread of this process but ``sender``, refuse what reaches into the
    sender: native code (ctypes, cffi), and the other threads' frames and the collector's list of
    every object (``sys._current_frames``, ``gc.get_objects``, ``gc.get_referrers`` and
    ``gc.get_referents``), through which the sender's locals could be found."""

    def audit(event: str, args: tuple[Any, ...], _sender: int = sender, _get_ident: Any = _thread.get_ident,
              _str: type = str, _type: Any = type, _refused: type = PermissionError,
              _introspection: frozenset[str] = INTROSPECTION_EVENTS) -> None:
        if (event[:7] == "ctypes." or event in _introspection
                or (event == "import" and args and (_type(args[0]) is not _str or args[0][:4] == "cffi"
                                                    or args[0] == "_cffi_backend"))):
            if _get_ident() != _sender:
                raise _refused(f"submissions may not use {event} while they are graded")

    sys.addaudithook(audit)


def _guard(known: frozenset[int], fd: int) -> Callable[..., None]:
    """The sender's profile function: at the first call of code not in ``known``, send an error
    naming it and end the process, before that code runs. Python calls it on every call and
    return in the sender, so its common path binds as little as it can."""
    whole = json.dumps({"error": {"kind": "unsupported_model", "line": None,
                                  "message": FOREIGN_CODE_MESSAGE.format(name=NAME_PLACEHOLDER)}})
    prefix, suffix = whole.encode().split(NAME_PLACEHOLDER.encode())

    def refuse(code: types.CodeType, _fd: int = fd, _write: Any = os.write, _exit: Any = os._exit,
               _encode: Any = str.encode, _translate: Any = bytes.translate, _unsafe: bytes = UNSAFE_NAME_BYTES,
               _prefix: bytes = prefix, _suffix: bytes = suffix) -> None:
        name = _translate(_encode(code.co_qualname, "ascii", "replace"), None, _unsafe)
        _write(_fd, _prefix + name[:200] + _suffix)
        _exit(0)

    def guard(frame: Any, event: str, arg: Any, _known: frozenset[int] = known, _id: Any = id,
              _refuse: Any = refuse) -> None:
        if event == "call" and _id(frame.f_code) not in _known:
            _refuse(frame.f_code)

    return guard


def _unshare_files() -> bool:
    """Give the calling thread a private copy of the process's file table (Linux)."""
    try:
        return ctypes.CDLL(None, use_errno=True).unshare(CLONE_FILES) == 0
    except (OSError, AttributeError):
        return False


def _move_to_random_fd(fd: int) -> int:
    """Move ``fd`` to an unpredictable number, so that code cannot name it without finding it."""
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if limit <= LOWEST_RESULT_FD + 1:
        return fd
    target = random.SystemRandom().randrange(LOWEST_RESULT_FD, limit)
    os.dup2(fd, target, inheritable=False)
    os.close(fd)
    return target
