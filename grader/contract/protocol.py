"""The messages between the processes, typed, each with its dict form in one place.

    CLI (grader.runner.client)  --InspectRequest / StatusRequest-->  worker (grader.runner.worker)
    CLI  <--WorkerHello (once), Inspection / WorkerStatus / WorkerFault--  worker
    worker  --DescribeRequest-->  describer (grader.describer.service)  --DescribeAnswer-->  worker

Each crosses a pipe as one line of JSON (``to_dict``, ``from_dict``). What a sandboxed child sends
is not among them: it is untrusted, and the worker reads it field by field
(``grader.runner.worker.interpret_run``) into an ``Inspection``. Imports only the standard library
and the other contract modules, so every process may use it.

Runs in: every process; imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from grader.contract.limits import Limits
from grader.contract.results import Failure, Finding
from grader.contract.spec import ModelSpec


class ProtocolError(ValueError):
    """A message that is not one this protocol has (a bug or a version mismatch, never a student's doing)."""


@dataclass(frozen=True)
class InspectRequest:
    """Run a submission's code in a sandboxed child and describe the model it leaves."""

    op: ClassVar[str] = "inspect"
    chunks: tuple[tuple[str, str], ...]  # (label, code): a file's code, or a notebook's code cells in order
    model_variable: str
    labels: str  # how the exercise's labels are encoded ("integer", "one_hot", ...)
    limits: Limits = field(default_factory=Limits)
    behaviour: dict[str, Any] | None = None  # trial-training options, where a check measures how it trains
    exports: tuple[str, ...] = ()  # variables besides the model to send back as plain data (quiz answers)
    weights: bool = False  # send the trained weights (the exercise measures them)
    refuse: frozenset[str] = frozenset()  # integrity detectors whose evidence stops the export

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "chunks": [list(chunk) for chunk in self.chunks], "model_variable": self.model_variable,
                "labels": self.labels, "limits": vars(self.limits), "behaviour": self.behaviour,
                "exports": list(self.exports), "weights": self.weights, "refuse": sorted(self.refuse)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InspectRequest:
        return cls(chunks=tuple((str(label), str(code)) for label, code in data["chunks"]),
                   model_variable=str(data["model_variable"]), labels=str(data["labels"]),
                   limits=Limits(**data["limits"]), behaviour=data.get("behaviour"),
                   exports=tuple(str(name) for name in data.get("exports", ())), weights=bool(data.get("weights")),
                   refuse=frozenset(str(kind) for kind in data.get("refuse", ())))


@dataclass(frozen=True)
class StatusRequest:
    """The worker's account of itself."""

    op: ClassVar[str] = "status"

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatusRequest:
        return cls()


REQUESTS: dict[str, Any] = {kind.op: kind for kind in (InspectRequest, StatusRequest)}


def request_from_dict(data: Any) -> InspectRequest | StatusRequest:
    """The request ``data`` is; ProtocolError for anything else."""
    kind = REQUESTS.get(data.get("op")) if isinstance(data, dict) else None
    if kind is None:
        raise ProtocolError(f"unknown request {data.get('op') if isinstance(data, dict) else data!r}")
    try:
        return kind.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ProtocolError(f"malformed {kind.op} request ({type(exc).__name__}: {exc})") from None


@dataclass(frozen=True)
class WorkerHello:
    """The worker's first line: it is ready, and with what."""

    versions: dict[str, str] = field(default_factory=dict)  # TensorFlow, Keras, NumPy, scikit-learn
    environment: dict[str, str] = field(default_factory=dict)  # each environment package's version, or why missing
    sandbox: dict[str, str] = field(default_factory=dict)  # how it confines submissions, in words
    warmed: int = 0  # isinstance checks made ahead for its children (with --warm-up)
    detectors: dict[str, str] = field(default_factory=dict)  # each integrity detector: '' when on, else why off

    def to_dict(self) -> dict[str, Any]:
        return {"ready": True, **vars(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkerHello:
        return cls(versions=dict(data.get("versions", {})), environment=dict(data.get("environment", {})),
                   sandbox=dict(data.get("sandbox", {})), warmed=int(data.get("warmed", 0)),
                   detectors=dict(data.get("detectors", {})))


@dataclass(frozen=True)
class WorkerStatus:
    describer_pid: int | None  # as seen in the worker's PID namespace

    def to_dict(self) -> dict[str, Any]:
        return {"ok": True, "describer_pid": self.describer_pid}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkerStatus:
        return cls(describer_pid=data.get("describer_pid"))


@dataclass(frozen=True)
class WorkerFault:
    """The worker could not start, or could not serve a request: the grader's fault, whole."""

    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"fatal": self.message}


@dataclass(frozen=True)
class Inspection:
    """The answer to an InspectRequest: a spec, or a failure, plus what the submission printed."""

    spec: ModelSpec | None
    failure: Failure | None
    notes: tuple[str, ...] = ()
    output: str = ""
    elapsed: float = 0.0
    exports: dict[str, Any] | None = None  # the exercise's exported variables, as plain data (untrusted)
    findings: tuple[Finding, ...] = ()  # integrity evidence, as the detectors reported it (action unset)

    def to_dict(self) -> dict[str, Any]:
        return {"spec": self.spec.to_dict() if self.spec else None,
                "failure": self.failure.to_dict() if self.failure else None, "notes": list(self.notes),
                "output": self.output, "elapsed": self.elapsed, "exports": self.exports,
                "findings": [{"kind": found.kind, "evidence": found.evidence} for found in self.findings]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inspection:
        failure = data.get("failure")
        return cls(spec=ModelSpec.from_dict(data["spec"]) if data.get("spec") else None,
                   failure=Failure(failure["kind"], failure["message"], failure.get("line")) if failure else None,
                   notes=tuple(data.get("notes", ())), output=data.get("output", ""),
                   elapsed=float(data.get("elapsed", 0.0)), exports=data.get("exports"),
                   findings=tuple(Finding(item["kind"], item["evidence"]) for item in data.get("findings", ())))


@dataclass(frozen=True)
class DescribeRequest:
    """Rebuild the model in a child's plain data and describe it (trained, with ``behaviour``)."""

    plain: dict[str, Any]
    labels: str
    behaviour: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"plain": self.plain, "labels": self.labels, "behaviour": self.behaviour}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DescribeRequest:
        return cls(plain=data["plain"], labels=str(data["labels"]), behaviour=data.get("behaviour"))


@dataclass(frozen=True)
class DescribeAnswer:
    """The describer's answer: a spec (as a dict) with the describer-stage findings, or why the model
    cannot be rebuilt (``error``, for the student). ``timed_out``: not to be remembered, another request
    may allow more time; ``transient``: the describer died, worth one more try in a fresh one."""

    spec: dict[str, Any] | None = None
    findings: tuple[dict[str, str], ...] = ()  # {"kind": detector, "evidence": ...}, as the child sends its own
    error: str = ""
    timed_out: bool = False
    transient: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"spec": self.spec, "findings": list(self.findings), "error": self.error,
                "timed_out": self.timed_out, "transient": self.transient}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DescribeAnswer:
        return cls(spec=data.get("spec"), findings=tuple(data.get("findings", ())),
                   error=str(data.get("error", "")), timed_out=bool(data.get("timed_out")),
                   transient=bool(data.get("transient")))
