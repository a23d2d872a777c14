"""The JSON report: a public contract read by instructors' scripts and CI."""

from __future__ import annotations

import json
from typing import Any, TextIO

from grader.report.base import Writer
from grader.results import CheckResult, Failure, Report


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "exercise": report.exercise,
        "submission": report.submission,
        "status": report.status,
        "score": report.score,
        "max_score": report.max_score,
        "checks": [
            {"id": c.id, "status": c.status, "score": c.score, "max_score": c.max_score,
             "message": c.message, "expected": c.expected, "actual": c.actual, "hint": c.hint}
            for c in report.checks
        ],
        "error": report.error.to_dict() if report.error else None,
        "notes": list(report.notes),
        "output": report.output,
    }


def report_from_dict(data: dict[str, Any], *, title: str = "") -> Report:
    """The Report that ``report_to_dict`` wrote (as kept in the batch gradebook)."""
    error = data.get("error")
    return Report(
        exercise=data["exercise"], submission=data["submission"], title=title,
        checks=tuple(CheckResult(**{k: c.get(k) for k in ("id", "status", "score", "max_score", "message",
                                                          "expected", "actual")}, hint=c.get("hint") or "")
                     for c in data["checks"]),
        error=Failure(error["kind"], error["message"], error.get("line")) if error else None,
        notes=tuple(data.get("notes", ())), output=data.get("output", ""),
        errored=data["status"] == "error",
    )


class JsonWriter(Writer):
    name = "json"
    suffix = ".json"

    def write(self, report: Report, stream: TextIO) -> None:
        json.dump(report_to_dict(report), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
