"""What grading produces: plain, immutable results. Writers in ``grader.report`` render them.

Runs in: every process; imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

CheckStatus = Literal["passed", "failed", "error", "skipped"]
# "missing": a roster student who handed nothing in (counted apart from errors, and from the means).
SubmissionStatus = Literal["passed", "failed", "error", "missing"]


class FailureKind(str, Enum):
    """Why a submission as a whole could not be graded normally: the one list of kinds, used by the
    child, the worker, the grader and the writers (a ``str``, so JSON, CSV and ``==`` see the code)."""

    SYNTAX = "syntax"  # the file does not parse
    EXCEPTION = "exception"  # the student's code raised
    MISSING_PACKAGE = "missing_package"  # it imports a package the grading environment lacks
    EXITED = "exited"  # it called exit() or os._exit()
    TIMEOUT = "timeout"  # still running at the time limit
    MEMORY = "memory"  # over the memory limit
    CRASHED = "crashed"  # the child (or the worker) died without an answer
    THREADS = "threads"  # its own threads were still running when the model was to be exported
    NO_MODEL = "no_model"  # no Keras model where the exercise asks for one
    NOT_COMPILED = "not_compiled"
    NOT_BUILT = "not_built"
    NOT_ATTEMPTED = "not_attempted"  # the stub, unchanged
    INVALID_NOTEBOOK = "invalid_notebook"
    TOO_LARGE = "too_large"
    ENCODING = "encoding"  # not UTF-8 text
    EMPTY = "empty"
    NO_SUBMISSION = "no_submission"  # a roster student with no file, or an empty folder: "missing"
    INVALID_SUBMISSION = "invalid_submission"  # a student's folder the batch cannot pick one file from
    UNSUPPORTED_MODEL = "unsupported_model"  # a model the grader cannot describe
    TAMPERED = "tampered"  # an integrity finding the course refuses: the score is withheld (``Finding``)

    def __str__(self) -> str:
        return self.value

    __format__ = str.__format__


# What a sandboxed child may answer with (as the codes it sends); anything else from it is a crash.
CHILD_FAILURE_KINDS = frozenset(kind.value for kind in (
    FailureKind.SYNTAX, FailureKind.EXCEPTION, FailureKind.MISSING_PACKAGE, FailureKind.EXITED, FailureKind.MEMORY,
    FailureKind.NO_MODEL, FailureKind.UNSUPPORTED_MODEL, FailureKind.TAMPERED, FailureKind.THREADS))


@dataclass(frozen=True)
class Failure:
    """Something about the submission as a whole, in the student's terms (``kind``: a ``FailureKind``;
    a plain string naming one is accepted and converted, anything else is a ValueError)."""

    kind: FailureKind
    message: str
    line: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", FailureKind(self.kind))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


class SubmissionRejected(Exception):
    """Raised while loading a file that cannot be graded at all; carries the Failure to report."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


Action = Literal["refuse", "flag"]


@dataclass(frozen=True)
class Finding:
    """Integrity evidence about a submission, for the instructor: what a detector found and where
    (``grader.integrity``). The course's policy decides what it does: ``refuse`` withholds the
    score (the submission's status is error, kind ``tampered``); ``flag`` keeps the score and lists
    the submission for review."""

    kind: str  # the detector that found it, e.g. "keras-code"
    evidence: str  # what was found, and where
    action: Action = "flag"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "evidence": self.evidence, "action": self.action}


def format_points(value: float) -> str:
    """Points as people read them: at most two decimals, no trailing zeros (0.6667 -> '0.67', 2.0 -> '2').
    Scores are stored exactly; only what a person reads is rounded."""
    return f"{round(value, 2):g}"


@dataclass(frozen=True)
class CheckResult:
    id: str
    status: CheckStatus
    score: float
    max_score: float
    message: str
    expected: Any = None
    actual: Any = None
    hint: str = ""
    visibility: str = "visible"  # for platforms that can hide a check until later (exercise.toml)
    elapsed: float = 0.0  # seconds the check itself took (comparing specs), measured by the pipeline


@dataclass(frozen=True)
class Report:
    exercise: str
    submission: str
    checks: tuple[CheckResult, ...]
    # Set when a model could not be graded normally (also for a failed, not only an errored, submission).
    error: Failure | None = None
    notes: tuple[str, ...] = ()
    output: str = ""  # what the submission printed (bounded)
    errored: bool = False  # the submission could not be run or yielded no model
    title: str = ""
    elapsed: float = 0.0
    findings: tuple[Finding, ...] = ()  # integrity evidence for the instructor (refused or flagged)

    @property
    def score(self) -> float:
        return round(sum(check.score for check in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(check.max_score for check in self.checks), 6)

    @property
    def needs_review(self) -> bool:
        """Whether an integrity finding lists this submission for the instructor to look at."""
        return bool(self.findings)

    @property
    def status(self) -> SubmissionStatus:
        if self.errored:
            return "missing" if self.error is not None and self.error.kind is FailureKind.NO_SUBMISSION else "error"
        return "passed" if self.score >= self.max_score else "failed"
