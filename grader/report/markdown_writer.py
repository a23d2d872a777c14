"""A Markdown report: for CI summaries and for instructors' per-student files.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from typing import Sequence, TextIO

from grader.contract.results import Report, format_points
from grader.report.base import Writer

ICON = {"passed": "✅", "failed": "❌", "error": "⚠️", "skipped": "⏭️", "missing": "➖"}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", " ").replace("\n", "<br>"))


class MarkdownWriter(Writer):
    name = "markdown"
    suffix = ".md"
    combines = True

    def write_many(self, reports: Sequence[Report], stream: TextIO, names: Sequence[str] | None = None) -> None:
        if not reports:
            stream.write("No submissions.\n")
            return
        passed = sum(1 for report in reports if report.status == "passed")
        stream.write(f"### {_cell(reports[0].title or reports[0].exercise)}: {passed}/{len(reports)} "
                     "with full marks\n\n| Submission | Score | Status | Failed checks |\n|---|---|---|---|\n")
        for index, report in enumerate(reports):
            failed = ", ".join(c.id for c in report.checks if c.status != "passed") or "-"
            label = names[index] if names else report.submission
            stream.write(f"| {_cell(label)} | {format_points(report.score)}/{format_points(report.max_score)} | "
                         f"{ICON[report.status]} {report.status} | {failed} |\n")

    def write(self, report: Report, stream: TextIO) -> None:
        stream.write(f"### {_cell(report.title or report.exercise)}: {format_points(report.score)}/"
                     f"{format_points(report.max_score)} ({report.status})\n\n")
        stream.write(f"Submission: `{_cell(report.submission)}`\n\n")
        if report.error is not None:
            stream.write(f"> **{_cell(report.error.kind)}**: {_cell(report.error.message)}\n\n")
        stream.write("| Check | Result | Points | Feedback |\n|---|---|---|---|\n")
        for check in report.checks:
            feedback = _cell(check.message) + (f"<br>*Hint:* {_cell(check.hint)}" if check.hint else "")
            stream.write(f"| {check.id} | {ICON[check.status]} {check.status} | "
                         f"{format_points(check.score)}/{format_points(check.max_score)} | {feedback} |\n")
        for note in report.notes:
            stream.write(f"\n- Note: {_cell(note)}")
        stream.write("\n" if report.notes else "")
