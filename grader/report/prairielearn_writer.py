"""PrairieLearn's external-grader results: score in [0, 1], per-test points.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from typing import Any

from grader.contract.results import Report, format_points
from grader.report.base import JsonDocumentWriter


def results_json(report: Report) -> dict[str, Any]:
    message = f"{format_points(report.score)}/{format_points(report.max_score)} points ({report.status})."
    if report.error is not None:
        message += f" {report.error.kind}: {report.error.message}"
    return {
        "gradable": report.status not in ("error", "missing"),
        "score": round(report.score / report.max_score, 6) if report.max_score else 0.0,
        "message": message,
        "output": report.output,
        "tests": [
            {"name": check.id, "description": check.id, "points": float(check.score),
             "max_points": float(check.max_score), "message": check.message,
             "output": f"Hint: {check.hint}" if check.hint else ""}
            for check in report.checks
        ],
    }


class PrairieLearnWriter(JsonDocumentWriter):
    name = "prairielearn"

    def document(self, report: Report) -> dict[str, Any]:
        return results_json(report)
