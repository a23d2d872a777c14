"""The JSON report: a public contract read by instructors' scripts and CI.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from typing import Any

from grader.contract.results import CheckResult, Failure, Finding, Report
from grader.report.base import JsonDocumentWriter


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
        "needs_review": report.needs_review,
        "findings": [finding.to_dict() for finding in report.findings],
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
        errored=data["status"] in ("error", "missing"),
        findings=tuple(Finding(item["kind"], item["evidence"], item.get("action", "flag"))
                       for item in data.get("findings", ())),
    )


class JsonWriter(JsonDocumentWriter):
    name = "json"

    def document(self, report: Report) -> dict[str, Any]:
        return report_to_dict(report)
