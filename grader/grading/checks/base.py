"""The contract of a check, and the context it runs in. Runs in the CLI's process; imports no Keras.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from grader.contract.results import CheckResult
from grader.contract.spec import ModelSpec
from grader.course.exercise import CheckConfig


@dataclass(frozen=True)
class CheckContext:
    expected: ModelSpec
    actual: ModelSpec
    config: CheckConfig
    labels: str

    def result(self, status: str, fraction: float, message: str, expected: Any, actual: Any) -> CheckResult:
        points = self.config.points
        return CheckResult(
            id=self.config.id,
            status=status,  # type: ignore[arg-type]
            score=round(points * max(0.0, min(1.0, fraction)), 4),
            max_score=points,
            message=message,
            expected=expected,
            actual=actual,
            hint="" if status == "passed" else self.config.hint,
            visibility=str(self.config.options.get("visibility", "visible")),
        )

    def passed(self, message: str, expected: Any, actual: Any) -> CheckResult:
        return self.result("passed", 1.0, message, expected, actual)

    def failed(self, fraction: float, message: str, expected: Any, actual: Any) -> CheckResult:
        return self.result("failed", fraction, message, expected, actual)


class Check:
    """Contract: ``run`` returns exactly one CheckResult and never raises for any pair of specs."""

    id: ClassVar[str]
    # What the check judges beyond the rebuilt model's layers: "compile" (compile()'s optimizer, loss
    # and metrics: an exercise with such a check asks for a compiled model), "trial" (how the model
    # trains, measured by the describer with the check's options).
    needs: ClassVar[frozenset[str]] = frozenset()

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError
