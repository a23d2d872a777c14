"""Runs in the CLI's process: the client of one warm worker. Start it, send it submissions, read
back plain results (``grader.contract.protocol``).

Never imports TensorFlow and never runs student code. It talks to one ``grader.runner.worker``
process over pipes; the worker forks a sandboxed child per submission.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from grader.contract.limits import Limits
from grader.contract.protocol import (
    Inspection,
    InspectRequest,
    StatusRequest,
    WorkerHello,
    WorkerStatus,
)
from grader.contract.results import Failure, FailureKind
from grader.course.submission import Source
from grader.errors import WorkerError

STARTUP_TIMEOUT = 180.0
# The worker enforces each submission's limit itself; this only catches a worker that hangs.
RESPONSE_MARGIN = 60.0

# Only these variables reach the worker and, through it, student code.
PASSED_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT")


class Engine:
    """One warm worker, reused for any number of submissions. Use as a context manager.

    With ``warm_up``, the worker spends about 0.3 s more when it starts to make each child
    about a third cheaper (``grader.runner.warmup``): worth it from about ten submissions.
    """

    def __init__(self, python: str = sys.executable, *, warm_up: bool = False, packages: tuple[str, ...] = (),
                 on_start: Callable[[], None] | None = None) -> None:
        self.python = python
        self.on_start = on_start  # called when a worker is about to start (TensorFlow takes seconds)
        self.warm_up = warm_up
        self.packages = packages  # the course's own packages, imported by the worker for submissions
        self.versions: dict[str, str] = {}
        self.environment: dict[str, str] = {}  # each environment package's version, or why it is missing
        self.detectors: dict[str, str] = {}  # each integrity detector: '' when on, else why it is off
        self.sandbox: dict[str, str] = {}  # how the worker confines submissions, as it reported
        self.warmed = 0  # isinstance checks the worker made ahead for its children (with warm_up)
        self._process: subprocess.Popen[str] | None = None
        self._stderr = tempfile.TemporaryFile(mode="w+")

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        if self.on_start is not None:
            self.on_start()
        env = {key: os.environ[key] for key in PASSED_ENVIRONMENT if key in os.environ}
        # oneDNN off: 15-20 ms less per forked child, and only rounding order differs. Huge pages
        # for malloc (glibc): forking the worker and ending a child then handle 2 MiB page-table
        # entries instead of 512 small ones, about 8 ms less per child.
        # Matplotlib draws headless (plt.show() does nothing) and keeps its font list where it may.
        env.update(TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONDONTWRITEBYTECODE="1",
                   TF_ENABLE_ONEDNN_OPTS="0", GLIBC_TUNABLES="glibc.malloc.hugetlb=1",
                   PYTHONHASHSEED="0", KERAS_HOME=tempfile.gettempdir() + "/grader-keras-home",
                   MPLBACKEND="module://grader.child.mpl_backend", MPLCONFIGDIR=tempfile.gettempdir() + "/grader-matplotlib",
                   GRADER_PACKAGES=",".join(self.packages))
        self._process = subprocess.Popen(
            [self.python, "-m", "grader.runner.worker", *(["--warm-up"] if self.warm_up else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            text=True, env=env, cwd=tempfile.gettempdir(), start_new_session=True,
        )
        line = self._read_line(STARTUP_TIMEOUT)
        if not line.get("ready"):
            self.close()
            raise WorkerError(f"the TensorFlow worker could not start: {line.get('fatal') or line}")
        hello = WorkerHello.from_dict(line)
        self.versions, self.environment, self.detectors = hello.versions, hello.environment, hello.detectors
        self.sandbox, self.warmed = hello.sandbox, hello.warmed

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            process.stdin.close()  # type: ignore[union-attr]
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        finally:
            process.stdout.close()  # type: ignore[union-attr]

    def inspect(self, source: Source, *, model_variable: str, labels: str, limits: Limits,
                behaviour: dict[str, Any] | None = None, exports: tuple[str, ...] = (),
                refuse: frozenset[str] = frozenset()) -> Inspection:
        """Run ``source`` in a sandboxed child and describe the model it leaves behind
        (with ``behaviour`` options, also how it trains on Digits). ``refuse``: the integrity
        detectors whose evidence stops the export (the rest only report)."""
        request = InspectRequest(
            chunks=tuple((chunk.label, chunk.code) for chunk in source.chunks), model_variable=model_variable,
            labels=labels, limits=limits, behaviour=behaviour, exports=tuple(exports),
            weights=bool(behaviour and behaviour.get("evaluate") == "weights"), refuse=frozenset(refuse))
        self.start()  # a worker that cannot start is the grader's fault, told whole (WorkerError), not the student's
        try:
            response = self._call(request, limits.timeout + RESPONSE_MARGIN)
        except WorkerError as exc:
            # The worker is gone or stuck during this submission: it alone pays; the next one
            # gets a fresh worker.
            self.close()
            return Inspection(spec=None, failure=Failure(
                FailureKind.CRASHED, "The grading worker stopped while it ran this submission, so it could not "
                f"be graded ({exc.message})."))
        return Inspection.from_dict(response)

    def status(self) -> WorkerStatus:
        """The worker's own account of itself (its describer's PID, in the worker's namespace)."""
        return WorkerStatus.from_dict(self._call(StatusRequest(), 30.0))

    def _call(self, request: InspectRequest | StatusRequest, timeout: float) -> dict[str, Any]:
        self.start()
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request.to_dict()) + "\n")
            self._process.stdin.flush()
        except OSError as exc:
            raise WorkerError(f"the TensorFlow worker is gone ({exc}){self._stderr_tail()}") from None
        response = self._read_line(timeout)
        if "fatal" in response:
            raise WorkerError(f"the TensorFlow worker failed: {response['fatal']}")
        return response

    def _read_line(self, timeout: float) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + timeout
            if not selector.select(max(0.0, deadline - time.monotonic())):
                self._process.kill()
                raise WorkerError(f"the TensorFlow worker did not answer within {timeout:g} s")
        line = self._process.stdout.readline()
        if not line:
            raise WorkerError(f"the TensorFlow worker exited unexpectedly{self._stderr_tail()}")
        try:
            return json.loads(line)
        except ValueError:
            raise WorkerError(f"the TensorFlow worker sent a malformed answer: {line[:200]!r}") from None

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        lines = self._stderr.read().strip().splitlines()[-5:]
        return (":\n" + "\n".join(lines)) if lines else ""
