"""The warm worker: ``python -m grader.runner.worker``.

It imports TensorFlow once and never runs a TensorFlow operation itself, so it
can fork cheaply and safely. For each request it forks

1. a sandboxed child that runs the student's code and exports plain data, then
2. nothing more to describe it: a long-lived describer process (forked once,
   never running student code) rebuilds the model from that data and measures
   it, memoised by the data's canonical content, since most of a class hands in
   the same model.

Requests and responses are JSON lines on stdin and on a private copy of
stdout; the worker's own fd 1 is pointed at stderr so that no stray print can
corrupt the protocol. Its first line says it is ready (with the versions, how it
confines submissions and which integrity detectors are on), or, if it could not
start, why, whole: a grader that cannot start on the installed Keras says what failed.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import sys
import tempfile
from collections import OrderedDict
from dataclasses import replace
from functools import partial
from typing import Any

from grader.child import fingerprint
from grader.child.sender import EXIT_FAILED, Finish, known_code
from grader.contract.limits import Limits
from grader.contract.protocol import (
    DescribeAnswer,
    DescribeRequest,
    Inspection,
    InspectRequest,
    StatusRequest,
    WorkerFault,
    WorkerHello,
    WorkerStatus,
    request_from_dict,
)
from grader.contract.results import CHILD_FAILURE_KINDS, Failure, FailureKind, Finding
from grader.contract.spec import ModelSpec
from grader.describer.service import Describer
from grader.integrity import Probed, probe_all
from grader.runner.landlock import Confinement, readable_paths
from grader.runner.processes import die_with_parent, harden_worker, memory_in_use
from grader.runner.sandbox import (
    ChildResult,
    Sandbox,
    enter_namespaces,
    hide_proc,
    nobody_can_run_python,
    open_proc,
    private_tmpfs,
    remove_private_tmpfs,
    run_in_child,
)
from grader.runner.warmup import prepare_tensorflow, rehearse, replay

MEMO_SIZE = 4096
DESCRIBE_FLOOR = 10.0  # seconds a description may always take, whatever the submission's time limit
MAX_MESSAGE = 4000
MAX_EXPORTS = 1024**2  # bytes of exported variables (quiz answers) accepted from a submission
RUNS_SIZE = 1024**3  # bytes all of a worker's run directories may hold (memory: a tmpfs)
SHARED_MEMORY_SIZE = 256 * 1024**2


class Worker:
    """Serves inspect requests; holds the describe memo and its own memory baseline.

    Slots, not an attribute dict: the heap record (``grader.child.containers``) watches every dict alive when
    it is taken, and the worker's own state changes with every request it serves."""

    __slots__ = ("fingerprint", "keras_own", "probed", "training_start", "sandbox", "memo", "baseline_memory",
                 "describer")

    def __init__(self, sandbox: Sandbox, probed: tuple[Probed, ...], training_start: Any) -> None:
        from grader.child.export import KerasOwn

        # All are inherited by every child, which only compares and looks up.
        self.fingerprint = fingerprint.take()
        self.keras_own = KerasOwn.capture(sandbox.known_code or frozenset())
        self.probed = probed
        self.training_start = training_start
        self.sandbox = sandbox
        self.memo: OrderedDict[str, DescribeAnswer] = OrderedDict()
        self.baseline_memory = memory_in_use(sandbox.proc)[1]  # resident memory every forked child starts with
        self.describer = Describer(sandbox.proc, probed)

    def handle(self, request: InspectRequest | StatusRequest) -> Inspection | WorkerStatus:
        if isinstance(request, StatusRequest):
            return WorkerStatus(self.describer.pid)
        from grader.child.export import ExportRequest, export_submission
        from grader.child.run import run_submission

        export = ExportRequest(model_variable=request.model_variable, exports=request.exports,
                               weights=request.weights, refuse=request.refuse, probed=self.probed)
        run = run_in_child(partial(run_submission, [list(chunk) for chunk in request.chunks],
                                   fingerprint.loaded_namespaces(self.fingerprint)),
                           request.limits, self.sandbox,
                           finish=Finish(export_submission, (self.fingerprint, export, self.keras_own,
                                                             self.training_start),
                                         claim=partial(fingerprint.claim, self.fingerprint)))
        inspection, plain = interpret_run(run, request.limits, self.baseline_memory)
        if plain is None:
            return inspection
        described = self.describe(DescribeRequest(plain, request.labels, request.behaviour), request.limits.timeout)
        if described.error:
            return replace(inspection, failure=Failure(FailureKind.UNSUPPORTED_MODEL, described.error))
        return replace(inspection, spec=ModelSpec.from_dict(described.spec or {}),
                       findings=inspection.findings + _findings(list(described.findings)))

    def describe(self, request: DescribeRequest, timeout: float) -> DescribeAnswer:
        """The describer's answer, memoised. Rebuilding may take as long as the submission may run
        (at least DESCRIBE_FLOOR seconds): a model cheap to build with zeros can be costly to
        rebuild with the initializers its config names."""
        key = hashlib.sha256(json.dumps(request.to_dict(), sort_keys=True).encode()).hexdigest()
        if key in self.memo:
            self.memo.move_to_end(key)
            return self.memo[key]
        timeout = max(DESCRIBE_FLOOR, timeout)
        described = self.describer.describe(request, timeout)
        if described.transient:  # the describer died: once more, in a fresh one
            described = replace(self.describer.describe(request, timeout), transient=False)
        if described.timed_out:
            return described  # not remembered: another request may allow more time
        self.memo[key] = described
        if len(self.memo) > MEMO_SIZE:
            self.memo.popitem(last=False)
        return described


def interpret_run(run: ChildResult, limits: Limits, baseline_memory: int = 0) -> tuple[Inspection, dict[str, Any] | None]:
    """What the untrusted child sent and how it ended, read field by field: the inspection so far,
    and the model's plain data for the describer (None when there is nothing to describe)."""
    payload = run.payload if isinstance(run.payload, dict) else {}
    notes = payload.get("notes")
    inspection = Inspection(spec=None, failure=None, output=run.output, elapsed=round(run.elapsed, 3),
                            notes=tuple(str(note)[:MAX_MESSAGE] for note in notes[:20]) if isinstance(notes, list) else (),
                            findings=_findings(payload.get("findings")))
    if run.timed_out:
        return replace(inspection, failure=Failure(
            FailureKind.TIMEOUT, f"The submission was still running after {limits.timeout:g} s and was stopped. "
            "Look for an endless loop, or training that runs far too long.")), None
    error = payload.get("error")
    if isinstance(error, dict) and error.get("kind") in CHILD_FAILURE_KINDS:
        line = error.get("line")
        return replace(inspection, failure=Failure(
            error["kind"], str(error.get("message", ""))[:MAX_MESSAGE],
            line if isinstance(line, int) and not isinstance(line, bool) else None)), None
    model = payload.get("model")
    if run.exit_code == 0 and isinstance(model, dict) and isinstance(model.get("config"), dict):
        exports = payload.get("exports")
        if isinstance(exports, dict) and len(json.dumps(exports)) <= MAX_EXPORTS:
            inspection = replace(inspection, exports=exports)
        return inspection, model
    return replace(inspection, failure=_ended_without_result(run, limits, baseline_memory)), None


def _ended_without_result(run: ChildResult, limits: Limits, baseline_memory: int) -> Failure:
    grew = run.peak_memory - baseline_memory
    if run.signal is not None and run.signal != signal.SIGXCPU and grew > limits.memory // 2:
        return Failure(FailureKind.MEMORY, f"The submission was stopped after using about {grew / 2**30:.1f} GiB of "
                       f"memory (the limit is {limits.memory / 2**30:.1f} GiB). Look for a huge array or "
                       "layer, or data copied over and over.")
    if run.signal == signal.SIGXCPU:
        return Failure(FailureKind.TIMEOUT, "The submission used more CPU time than allowed and was stopped.")
    if run.signal == signal.SIGXFSZ:
        return Failure(FailureKind.CRASHED, "The submission tried to write a file larger than allowed and was stopped.")
    if run.signal is not None:
        name = signal.Signals(run.signal).name if run.signal in signal.Signals._value2member_map_ else run.signal
        if run.signal in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGILL, signal.SIGFPE):
            return Failure(FailureKind.CRASHED, f"The submission crashed in native code (signal {name}) before its "
                           "model could be graded. This happens when a library fails badly, often because memory "
                           "ran out.")
        return Failure(FailureKind.CRASHED, f"The submission was killed by signal {name} before its model could be "
                       "graded.")
    if run.result_bytes:
        return Failure(FailureKind.CRASHED, "The submission's result reached the grader garbled (did it write to file "
                       "descriptors it does not own?), so its model could not be graded.")
    if run.exit_code not in (None, EXIT_FAILED):
        return Failure(FailureKind.EXITED, f"The submission ended the Python process itself (exit code "
                       f"{run.exit_code}) before its model could be graded. Remove the os._exit() or similar call.")
    return Failure(FailureKind.CRASHED, "The submission's process ended without sending its model to the grader "
                   "(did it close or write to file descriptors it does not own?).")


def _findings(found: Any) -> tuple[Finding, ...]:
    """Integrity evidence from the child's sender or the describer, as plain strings of known
    detectors only."""
    from grader.integrity import DETECTORS

    if not isinstance(found, list):
        return ()
    return tuple(Finding(item["kind"], str(item.get("evidence", ""))[:MAX_MESSAGE])
                 for item in found[:20] if isinstance(item, dict) and item.get("kind") in DETECTORS)


def _install_paths() -> list[str]:
    """Files a submission's imports must be able to read: the standard library and site-packages."""
    import encodings.idna

    import keras

    return [encodings.idna.__file__, keras.__file__, sys.executable]


def preload(packages: tuple[str, ...] = ()) -> tuple[dict[str, str], dict[str, str]]:
    """Import what submissions use, without running a TensorFlow operation: Keras, TensorFlow,
    scikit-learn, the grading environment's packages (matplotlib, headless, and pandas, then the
    course's own ``packages``). Returns the versions, and each environment package's version or
    why it is missing."""
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    import keras
    import numpy
    import sklearn
    import sklearn.datasets  # noqa: F401
    import tensorflow
    import tensorflow.keras  # noqa: F401 - most submissions import it; only tensorflow is imported eagerly

    import grader.child.export  # noqa: F401
    import grader.describer.describe  # noqa: F401

    environment = {name: _import_package(name) for name in (*ENVIRONMENT_PACKAGES, *packages)}
    # Creating a layer runs no TensorFlow operation. Doing it here shows Keras' input_shape warning
    # once in the worker, so children inherit "already shown" instead of formatting it every time.
    # (Last, with the filters as children will have them: changing filters forgets what was shown.)
    keras.layers.Dense(1, input_shape=(1,))

    return ({"tensorflow": tensorflow.__version__, "keras": keras.__version__,
             "numpy": numpy.__version__, "sklearn": sklearn.__version__}, environment)


# What the lesson's students plot and tabulate with, always in the grading environment (imported
# once here: matplotlib builds its font list on first import, which a child would otherwise redo).
ENVIRONMENT_PACKAGES = ("matplotlib.pyplot", "pandas")


def _import_package(name: str) -> str:
    """Import ``name`` for submissions; its version, or 'missing: why'."""
    import importlib
    import importlib.metadata

    try:
        importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - a package the course declared but this machine lacks
        return f"missing: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    try:
        return importlib.metadata.version(name.split(".")[0])
    except importlib.metadata.PackageNotFoundError:
        return "installed"


def make_sandbox(*, hide: bool) -> Sandbox:
    """How this worker's children will be confined. Call it last before serving: the Landlock
    rules and the guarded code are those of the packages imported by then. With ``hide`` (in the
    worker's own mount namespace), /proc is taken away from the children and /dev/shm is private."""
    runs_dir = tempfile.mkdtemp(prefix="grader-runs-")  # the only place children may write
    keras_home = [os.environ["KERAS_HOME"]] if "KERAS_HOME" in os.environ else []
    proc = open_proc()
    if hide and proc is not None:
        hide_proc()
    # Private and non-executable: the run directories, and /dev/shm, where Python's
    # multiprocessing keeps its semaphores (Keras' PyDataset workers use them).
    shared_memory = "/dev/shm" if hide and private_tmpfs("/dev/shm", SHARED_MEMORY_SIZE) else None
    if hide:
        private_tmpfs(runs_dir, RUNS_SIZE)
    writable = [runs_dir, *([shared_memory] if shared_memory else [])]
    return Sandbox(as_nobody=nobody_can_run_python(_install_paths()),
                   confinement=Confinement.build(readable_paths(keras_home), writable),
                   runs_dir=runs_dir, proc=proc, shared_memory=shared_memory, known_code=known_code())


def main() -> None:
    # No collections while TensorFlow is imported: 0.4 s sooner, for about 2,000 objects of garbage kept.
    gc.disable()
    # No handler for any signal: as init of its namespace, the worker then ignores every signal a
    # submission sends it, while the client (outside) can still stop it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    if os.getppid() == 1:  # the grader died before the line above took effect
        return
    namespaces = enter_namespaces()
    harden_worker()
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        worker, hello = _start(namespaces)
    except BaseException as exc:  # noqa: BLE001 - told to the client whole, then the worker ends
        protocol.write(json.dumps(WorkerFault(startup_failure(exc)).to_dict()) + "\n")
        protocol.flush()
        return
    protocol.write(json.dumps(hello.to_dict()) + "\n")
    protocol.flush()
    for line in sys.stdin:
        try:
            response: Inspection | WorkerStatus | WorkerFault = worker.handle(request_from_dict(json.loads(line)))
        except Exception as exc:  # noqa: BLE001 - reported to the client as a worker fault
            response = WorkerFault(f"{type(exc).__name__}: {exc}")
        protocol.write(json.dumps(response.to_dict()) + "\n")
        protocol.flush()
    if worker.sandbox.runs_dir:
        remove_private_tmpfs(worker.sandbox.runs_dir)


def _start(namespaces: set[str]) -> tuple[Worker, WorkerHello]:
    """Everything before the first request; returns the worker and the line that says it is ready."""
    from grader.child.run import watch_training

    packages = tuple(name for name in os.environ.get("GRADER_PACKAGES", "").split(",") if name)
    versions, environment = preload(packages)
    training_start = watch_training()
    prepare_tensorflow()
    warmed = 0  # isinstance checks made ahead for children (see grader.runner.client.Engine)
    if "--warm-up" in sys.argv[1:]:
        warmed = replay(rehearse(Limits(timeout=60.0)))
    probed = probe_all()  # before the code and namespaces children may run are recorded
    sandbox = make_sandbox(hide=("mount" in namespaces))
    worker = Worker(sandbox, probed, training_start)
    # Children's garbage collections must not walk (and so copy, page by page) the inherited heap.
    gc.freeze()
    gc.enable()
    confinement = sandbox.confinement
    report = {"user": "nobody" if sandbox.as_nobody else "the grading user, without capabilities",
              "namespaces": ", ".join(sorted(namespaces)) or "none available",
              "landlock": confinement.describe() if confinement else "not available (kernel before 5.13)",
              "proc": "visible to submissions" if os.path.exists("/proc/self") else "hidden from submissions"}
    return worker, WorkerHello(versions=versions, environment=environment, sandbox=report, warmed=warmed,
                               detectors={found.id: found.off for found in probed})


def startup_failure(exc: BaseException) -> str:
    """Why the worker could not start, whole: the exception and where it was raised (the last frames)."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = "; ".join(f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    text = str(exc).strip()
    return f"{type(exc).__name__}{': ' + text if text else ''} (at {where})" if where else \
        f"{type(exc).__name__}{': ' + text if text else ''}"


if __name__ == "__main__":
    main()
