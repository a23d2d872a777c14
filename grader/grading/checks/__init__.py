"""Checks: each compares the student's ModelSpec with the reference's and explains the difference.

Runs in the CLI's process and imports no Keras: a check sees only specs. A check is a class with a
stable ``id``, what it ``needs`` measured, and a ``run`` method (``base.Check``), in the file of its
family, and listed once in ``CHECKS``. Its message says what was expected, what was found and why
it matters.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from types import MappingProxyType

from grader.grading.checks.architecture import BudgetCheck, LayersCheck, ParamsCheck
from grader.grading.checks.base import Check, CheckContext
from grader.grading.checks.compile import LossCheck, MetricsCheck, OptimizerCheck
from grader.grading.checks.quiz import QuizCheck, quiz_answers
from grader.grading.checks.training import BehaviourCheck

CHECKS: MappingProxyType[str, type[Check]] = MappingProxyType(
    {cls.id: cls for cls in (OptimizerCheck, LossCheck, MetricsCheck, LayersCheck, ParamsCheck, BehaviourCheck,
                             BudgetCheck, QuizCheck)}
)


def needing(what: str) -> frozenset[str]:
    """The ids of the checks that need ``what`` ("compile", "trial")."""
    return frozenset(check_id for check_id, check in CHECKS.items() if what in check.needs)


__all__ = ["CHECKS", "Check", "CheckContext", "needing", "quiz_answers"]
