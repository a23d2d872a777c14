"""PrairieLearn's external-grader results: score in [0, 1], per-test points."""

from __future__ import annotations

import json
from typing import Any, TextIO

from grader.report.base import Writer
from grader.results import Report


def results_json(report: Report) -> dict[str, Any]:
    message = f"{report.score:g}/{report.max_score:g} points ({report.status})."
    if report.error is not None:
        message += f" {report.error.kind}: {report.error.message}"
    return {
        "gradable": report.status != "error",
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


class PrairieLearnWriter(Writer):
    name = "prairielearn"
    suffix = ".json"

    def write(self, report: Report, stream: TextIO) -> None:
        json.dump(results_json(report), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
