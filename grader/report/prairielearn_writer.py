"""PrairieLearn's external-grader results.json (docs.prairielearn.com/externalGrading, "Grading results").

The fields, as PrairieLearn documents them:

- ``gradable``: false only when the submission cannot be graded at all. PrairieLearn then marks it
  "invalid, not gradable": no points are awarded or lost and the attempt does not count. That is
  the case for a file that is missing, unreadable (binary, not UTF-8, too large, empty), not a
  valid notebook, one of several candidates, the exercise's stub unchanged (no answer yet: "input
  missing"), and a syntax error: PrairieLearn's documentation names the syntax error as its example
  of an ungradable submission, and it is found before any code runs, as a compiler error would be.
  ``UNGRADABLE`` lists these kinds. Each explanation goes in ``format_errors``, which PrairieLearn
  shows as errors above the results; ``score`` is then left out, as the documentation allows.
- Everything else is graded, with ``score`` in [0, 1]: a time-out, a crash, an exception, a missing
  model, an integrity finding the course refuses. They usually score 0, and ``message`` says why.
- ``message``: the points, what went wrong with the submission as a whole, and the notes.
- ``output``: what the student's code printed (PrairieLearn shows it as the program's output),
  bounded so that results.json stays under PrairieLearn's 1 MB.
- ``tests``: one per check: ``name`` (the check id), ``description`` (what the check asks,
  ``CHECK_DESCRIPTIONS``), ``points`` and ``max_points`` (on every test, so PrairieLearn shows the
  per-test points), ``message`` (the check's explanation and, when it did not pass, its hint), and
  ``output`` (empty: a check runs no student code of its own).

When the grader itself fails (a broken exercise, a worker that cannot start), ``grader_fault``
writes a results.json with ``gradable: false`` and a message for the student: the fault is the
course's, so the attempt must not count against them (as PrairieLearn does for its own failures).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from grader.contract.results import CheckResult, FailureKind, Report, format_points
from grader.report.base import JsonDocumentWriter

# The kinds of Failure that mean "cannot be graded at all" (see the module docstring).
UNGRADABLE = frozenset({
    FailureKind.SYNTAX, FailureKind.NOT_ATTEMPTED, FailureKind.INVALID_NOTEBOOK, FailureKind.TOO_LARGE,
    FailureKind.ENCODING, FailureKind.EMPTY, FailureKind.NO_SUBMISSION, FailureKind.INVALID_SUBMISSION})

# What each built-in check asks for, shown under its name. A check id not listed gets no description.
CHECK_DESCRIPTIONS: MappingProxyType[str, str] = MappingProxyType({
    "optimizer": "The optimizer passed to compile(), with the settings the exercise asks for.",
    "loss": "The loss function, suited to how the labels are encoded.",
    "metrics": "The metrics Keras reports while the model trains and evaluates.",
    "layers": "Each layer's type and settings, in order, and the model's input.",
    "params": "The number of parameters, and how many of them are trainable.",
    "budget": "The architecture's criteria: hidden layers, parameter budget, input and output.",
    "behaviour": "How the model trains: its held-out score after a short, seeded training.",
    "quiz": "The values worked out about the given model.",
})

# PrairieLearn refuses a results.json over 1 MB; the printed output is the only part a student controls.
OUTPUT_LIMIT = 100_000


def is_gradable(report: Report) -> bool:
    """Whether PrairieLearn should grade ``report`` (False: no points lost, the attempt does not count)."""
    return report.error is None or report.error.kind not in UNGRADABLE


def results_json(report: Report) -> dict[str, Any]:
    if not is_gradable(report):
        return _ungradable(report)
    return {
        "gradable": True,
        "score": _fraction(report),
        "message": _message(report),
        "output": bounded(report.output),
        "tests": [_test(check) for check in report.checks],
    }


def grader_fault(reason: str) -> dict[str, Any]:
    """The results.json for a submission the grader itself failed on (``reason``: for the student)."""
    return {
        "gradable": False,
        "message": "The autograder could not grade this submission because of a problem on the course's side, "
                   f"not in your file: {reason} This attempt does not count. Please tell your instructor.",
        "format_errors": [],
        "tests": [],
    }


def bounded(text: str, limit: int = OUTPUT_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, saying so."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n[grader: output truncated: kept the first {limit:,} of {len(text):,} characters]"


def _ungradable(report: Report) -> dict[str, Any]:
    assert report.error is not None  # is_gradable() is true without one
    return {
        "gradable": False,
        "format_errors": [report.error.message],
        "message": "This submission could not be graded, so it does not count as an attempt and no points were "
                   "lost. Fix the problem above and submit again.",
        "output": bounded(report.output),
        "tests": [],
    }


def _fraction(report: Report) -> float:
    if not report.max_score:
        return 0.0
    return round(min(1.0, max(0.0, report.score / report.max_score)), 6)


def _message(report: Report) -> str:
    total = f"{format_points(report.score)}/{format_points(report.max_score)} points"
    lines = [f"{report.title or report.exercise}: {total} ({report.status})."]
    if report.error is not None:
        lines.append(f"{report.error.kind}: {report.error.message}")
    lines += [f"Note: {note}" for note in report.notes]
    return "\n".join(lines)


def _test(check: CheckResult) -> dict[str, Any]:
    message = check.message + (f"\n\nHint: {check.hint}" if check.hint else "")
    return {"name": check.id, "description": CHECK_DESCRIPTIONS.get(check.id, ""), "points": float(check.score),
            "max_points": float(check.max_score), "message": message, "output": ""}


class PrairieLearnWriter(JsonDocumentWriter):
    name = "prairielearn"

    def document(self, report: Report) -> dict[str, Any]:
        return results_json(report)
