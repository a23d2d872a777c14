"""What grading produces: plain, immutable results. Writers in ``grader.report`` render them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

CheckStatus = Literal["passed", "failed", "error", "skipped"]
SubmissionStatus = Literal["passed", "failed", "error"]


@dataclass(frozen=True)
class Failure:
    """Something about the submission as a whole, in the student's terms.

    ``kind`` is a short stable code: syntax, exception, exited, timeout, memory, crashed,
    threads, no_model, not_compiled, not_built, not_attempted, invalid_notebook, too_large,
    encoding, empty, unsupported_model, tampered.
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

    @property
    def score(self) -> float:
        return round(sum(check.score for check in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(check.max_score for check in self.checks), 6)

    @property
    def status(self) -> SubmissionStatus:
        if self.errored:
            return "error"
        return "passed" if self.score >= self.max_score else "failed"
