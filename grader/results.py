"""What grading produces: plain, immutable results. Writers in ``grader.report`` render them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

CheckStatus = Literal["passed", "failed", "error", "skipped"]
SubmissionStatus = Literal["passed", "failed", "error"]


@dataclass(frozen=True)
class Failure:
    """Something about the submission as a whole, in the student's terms.

    ``kind`` is a short stable code: syntax, exception, missing_package, exited, timeout, memory,
    crashed, threads, no_model, not_compiled, not_built, not_attempted, invalid_notebook, too_large,
    encoding, empty, unsupported_model, tampered (an integrity finding the course refuses: the
    score is withheld, see ``Finding``).
    """

    kind: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "message": self.message}
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
            return "error"
        return "passed" if self.score >= self.max_score else "failed"
