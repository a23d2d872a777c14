"""A long-lived trusted process that rebuilds models from plain data and describes them.

Forked once from the pristine worker, it may run TensorFlow operations because it
never forks again, so each description costs a model build (about 10 ms) rather
than a fresh process that starts TensorFlow's runtime (about 80 ms). It never runs
student code: it only reads JSON configs, checked and rebuilt in ``safe_mode``
(``grader.describer.describe``). It runs under a memory limit; a request that takes too long
or kills it gets an error answer, and the next request starts a fresh describer.

Runs in: the trusted describer, which never runs student code; imports Keras, nothing of grader.child.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import time
from typing import Any

from grader.contract.protocol import DescribeAnswer, DescribeRequest
from grader.runner.processes import die_with_parent, memory_in_use

MEMORY_LIMIT = 4 * 1024**3  # bytes beyond what the worker maps: a huge config cannot exhaust the machine
REQUEST_TIMEOUT = 120.0  # a description with trial training takes a few seconds


class Describer:
    """The worker's handle on its describer process."""

    def __init__(self, proc: int | None = None, probed: tuple[Any, ...] = ()) -> None:
        self.proc = proc  # /proc, opened before it was hidden (see grader.runner.sandbox.open_proc)
        self.probed = probed  # the integrity detectors' kits (grader.integrity.probe_all)
        self.pid: int | None = None
        self._to: int | None = None
        self._from: int | None = None
        self._buffer = b""

    def describe(self, request: DescribeRequest, timeout: float = REQUEST_TIMEOUT) -> DescribeAnswer:
        """The describer's answer; after ``timeout`` seconds, one that says so (``timed_out``), and if the
        describer died, one worth a second try (``transient``)."""
        if self.pid is None:
            self._start()
        assert self._to is not None
        deadline = time.monotonic() + timeout
        try:
            os.write(self._to, json.dumps(request.to_dict()).encode() + b"\n")
            answer = self._read_line(deadline)
        except OSError:
            answer = None
        if answer is None:
            self.stop()
            if time.monotonic() >= deadline:
                return DescribeAnswer(timed_out=True, error=(
                    f"The grader could not rebuild this model from its configuration within {timeout:g} s, so it "
                    "cannot be verified: rebuilding it (with the initializers it names, at the sizes it asks for) "
                    "takes longer than grading allows. The model the exercise asks for rebuilds in well under a second."))
            return DescribeAnswer(transient=True, error="The grader could not rebuild this model (it used too much "
                                                        "memory), so it cannot be verified.")
        return DescribeAnswer.from_dict(json.loads(answer))

    def stop(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
        for fd in (self._to, self._from):
            if fd is not None:
                os.close(fd)
        self.pid = self._to = self._from = None
        self._buffer = b""

    def _start(self) -> None:
        requests_r, requests_w = os.pipe()
        answers_r, answers_w = os.pipe()
        mapped, _ = memory_in_use(self.proc)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the describer's whole life
            _serve(requests_r, answers_w, mapped, self.probed)
        os.close(requests_r)
        os.close(answers_w)
        self.pid, self._to, self._from = pid, requests_w, answers_r

    def _read_line(self, deadline: float) -> bytes | None:
        assert self._from is not None
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from], [], [], remaining)[0]:
                return None
            data = os.read(self._from, 1 << 20)
            if not data:
                return None
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line


def _serve(requests_r: int, answers_w: int, mapped: int,
           probed: tuple[Any, ...]) -> None:  # pragma: no cover - runs in the describer
    code = 0
    try:
        die_with_parent()
        os.closerange(3, min(requests_r, answers_w))
        for fd in range(min(requests_r, answers_w) + 1, 1024):
            if fd not in (requests_r, answers_w):
                try:
                    os.close(fd)
                except OSError:
                    pass
        resource.setrlimit(resource.RLIMIT_AS, (mapped + MEMORY_LIMIT, mapped + MEMORY_LIMIT))
        import keras
        import tensorflow as tf

        # One thread, set before the first operation: trial training gives the same numbers every run.
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        from grader.describer.describe import describe, inspect_rebuilt
        from grader.describer.rebuild import DescribeError

        with os.fdopen(requests_r, "rb") as requests, os.fdopen(answers_w, "wb") as answers:
            for line in requests:
                request = DescribeRequest.from_dict(json.loads(line))
                try:
                    spec, model = describe(request.plain, request.labels, request.behaviour)
                    answer = DescribeAnswer(spec=spec, findings=tuple(inspect_rebuilt(model, request.plain, probed)))
                except DescribeError as exc:
                    answer = DescribeAnswer(error=str(exc))
                except Exception as exc:  # noqa: BLE001 - any Keras failure on odd data is a verdict
                    answer = DescribeAnswer(error=f"The model could not be rebuilt from its Keras config: "
                                                  f"{type(exc).__name__}: {str(exc)[:300]}")
                keras.backend.clear_session()  # forget the rebuilt model before the next one
                answers.write(json.dumps(answer.to_dict()).encode() + b"\n")
                answers.flush()
    except BaseException:  # noqa: BLE001 - the worker sees the pipe close and answers for it
        code = 70
    finally:
        os._exit(code)
