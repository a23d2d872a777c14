"""Gradescope's results.json (gradescope-autograders.readthedocs.io, "Autograder Specifications").

Top level: score, max_score, execution_time, output, tests. Each test: name, score, max_score,
status ("passed" or "failed"), output, visibility ("visible", "hidden", "after_due_date" or
"after_published", from the check's ``visibility`` option in exercise.toml; default visible).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from typing import Any

from grader.contract.results import Report, format_points
from grader.report.base import JsonDocumentWriter

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")


def results_json(report: Report) -> dict[str, Any]:
    overall = [f"{report.title or report.exercise}: {format_points(report.score)}/{format_points(report.max_score)} "
               f"({report.status})"]
    if report.error is not None:
        overall.append(f"{report.error.kind}: {report.error.message}")
    overall += [f"Note: {note}" for note in report.notes]
    tests = []
    for check in report.checks:
        output = check.message + (f"\n\nHint: {check.hint}" if check.hint else "")
        tests.append({
            "name": check.id,
            "score": float(check.score),
            "max_score": float(check.max_score),
            "status": "passed" if check.status == "passed" else "failed",
            "output": output,
            "visibility": check.visibility if check.visibility in VISIBILITIES else "visible",
        })
    return {
        "score": float(report.score),
        "max_score": float(report.max_score),
        "execution_time": round(report.elapsed, 3),
        "output": "\n".join(overall),
        "tests": tests,
    }


class GradescopeWriter(JsonDocumentWriter):
    name = "gradescope"

    def document(self, report: Report) -> dict[str, Any]:
        return results_json(report)
