"""Gradescope's results.json (gradescope-autograders.readthedocs.io, "Autograder Specifications").

Top level: score, max_score, execution_time, output, output_format, test_output_format,
test_name_format, stdout_visibility, tests, and extra_data when the caller has any (the
Gradescope runner puts the sandbox's protections there: instructors see it, students do not).
Each test: name, score, max_score, status, output, visibility ("visible", "hidden",
"after_due_date" or "after_published", from the check's ``visibility`` option in exercise.toml;
default visible).

Text is Markdown (``output_format`` and ``test_output_format`` are "md"): the student's
own text (messages quoting their code, their printed output) is escaped or fenced so that it
shows as written. The overall output ends with "Your program's output": the last
``OUTPUT_TAIL`` characters the submission printed, in a code block.

Skipped checks: Gradescope's test ``status`` is "passed" or "failed", nothing else (a missing
status is worked out from the points). A check the grader skipped (because the submission as a
whole could not be graded) is therefore a failed test with its 0 points, its name followed by
" (skipped)", and its output saying why. The run log (``stdout``) stays hidden from students:
it is the grader's, not theirs.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from grader.contract.results import CheckResult, Report, format_points
from grader.report.base import JsonDocumentWriter

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
OUTPUT_TAIL = 5000  # characters of the student's printed output shown, from its end
SKIPPED_SUFFIX = " (skipped)"


def results_json(report: Report, *, extra_data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The results.json document for ``report``; ``extra_data`` is stored for the instructor."""
    data: dict[str, Any] = {
        "score": float(report.score),
        "max_score": float(report.max_score),
        "execution_time": round(report.elapsed, 3),
        "output": overall_output(report),
        "output_format": "md",
        "test_output_format": "md",
        "test_name_format": "text",
        "stdout_visibility": "hidden",
        "tests": [_test(check) for check in report.checks],
    }
    if extra_data:
        data["extra_data"] = dict(extra_data)
    return data


def overall_output(report: Report) -> str:
    """The submission's summary in Markdown: score, what went wrong, notes, and its printed output."""
    title = escape(report.title or report.exercise)
    parts = [f"**{title}: {format_points(report.score)}/{format_points(report.max_score)}** ({report.status})"]
    if report.error is not None:
        parts.append(f"**{report.error.kind}**: {escape(report.error.message)}")
    parts += [f"Note: {escape(note)}" for note in report.notes]
    if report.output.strip():
        parts.append("### Your program's output\n\n" + code_block(_tail(report.output, OUTPUT_TAIL)))
    return "\n\n".join(parts)


def _test(check: CheckResult) -> dict[str, Any]:
    skipped = check.status == "skipped"
    output = escape(check.message) + (f"\n\n**Hint:** {escape(check.hint)}" if check.hint else "")
    return {
        "name": check.id + (SKIPPED_SUFFIX if skipped else ""),
        "score": 0.0 if skipped else float(check.score),
        "max_score": float(check.max_score),
        "status": "passed" if check.status == "passed" else "failed",
        "output": output,
        "visibility": check.visibility if check.visibility in VISIBILITIES else "visible",
    }


def escape(text: str) -> str:
    """Text that shows as written in Markdown: no raw HTML, no emphasis or links made of it."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def code_block(text: str) -> str:
    """``text`` verbatim in a fenced block whose fence no backtick run inside can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def _tail(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"[... the first {len(text) - limit:,} characters are not shown ...]\n" + text[-limit:]


class GradescopeWriter(JsonDocumentWriter):
    name = "gradescope"

    def document(self, report: Report) -> dict[str, Any]:
        return results_json(report)
