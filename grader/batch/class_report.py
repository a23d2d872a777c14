"""What an instructor gets for a whole class, all written here: gradebook.csv, index.html, and per
student ``reports/<student>`` in each of ``STUDENT_FORMATS`` (registered writers) and as a page.

Runs in the CLI's process. Student outputs are written as each result arrives; at the end,
everything is rebuilt from the SQLite gradebook, so it is complete after any re-run, including one
that follows a killed batch.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.batch.gradebook import Row
from grader.contract.results import Report
from grader.course.exercise import Exercise
from grader.report import WRITERS
from grader.report.html_writer import render_page
from grader.report.json_writer import report_from_dict


@dataclass(frozen=True)
class ClassSummary:
    rows: list[Row]
    identical: dict[str, list[str]]  # student -> the other students who handed in the same file


def summarise(rows: list[Row]) -> ClassSummary:
    by_content: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.submission:
            by_content[row.sha256].append(row.student)
    identical = {student: [other for other in group if other != student]
                 for group in by_content.values() if len(group) > 1 for student in group}
    return ClassSummary(rows, identical)


# Each student's report, besides the page, in these registered formats (grader.report.WRITERS).
STUDENT_FORMATS = ("json", "markdown")


def write_class_outputs(rows: list[Row], exercise: Exercise, out: Path, file_names: dict[str, str]) -> None:
    summary = summarise(rows)
    write_csv(summary, exercise, out / "gradebook.csv")
    for row in rows:
        name = file_names[row.student]
        if not all((out / "reports" / f"{name}{suffix}").exists() for suffix in _student_suffixes()):
            # written as each result arrived, unless a killed or older run left some out
            write_student_outputs(out, name, report_from_dict(row.report, title=exercise.title), row.report,
                                  row.student)
    index = render_page("index.html.j2", **_index_context(summary, exercise, file_names))
    (out / "index.html").write_text(index, encoding="utf-8")


def write_student_outputs(out: Path, name: str, report: Report, data: dict[str, Any], student: str) -> None:
    """``out/reports/<name>`` in every student format, and its page (``data``: the report as kept)."""
    folder = out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    for format_name in STUDENT_FORMATS:
        writer = WRITERS[format_name]()
        with open(folder / f"{name}{writer.suffix}", "w", encoding="utf-8") as stream:
            writer.write(report, stream)
    page = render_page("student.html.j2", report=data, title=report.title, student=student,
                       index_link="../index.html")
    (folder / f"{name}.html").write_text(page, encoding="utf-8")


def _student_suffixes() -> list[str]:
    return [WRITERS[format_name].suffix for format_name in STUDENT_FORMATS] + [".html"]


def write_csv(summary: ClassSummary, exercise: Exercise, path: Path) -> None:
    check_ids = [check.id for check in exercise.checks]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "exercise", "score", "max_score", "status", "error_kind", *check_ids,
                         "findings", "identical_to", "submission"])
        for row in summary.rows:
            scores = {check["id"]: check["score"] for check in row.report["checks"]}
            writer.writerow([_csv_safe(row.student), row.exercise, f"{row.score:g}", f"{row.max_score:g}",
                             row.status, row.error_kind or "", *(f"{scores.get(c, 0):g}" for c in check_ids),
                             findings_cell(row.report),
                             ";".join(_csv_safe(s) for s in summary.identical.get(row.student, [])),
                             _csv_safe(row.submission)])


def findings_cell(report: dict[str, Any]) -> str:
    """A report's integrity findings for one spreadsheet cell: ``detector (action)``, by ``;``."""
    found = report.get("findings") or []
    return ";".join(sorted({f"{item['kind']} ({item.get('action', 'flag')})" for item in found}))


def _csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas in text that came from students (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _index_context(summary: ClassSummary, exercise: Exercise, file_names: dict[str, str]) -> dict[str, Any]:
    rows = summary.rows
    scores = [row.score for row in rows]
    max_score = exercise.max_score
    bins = Counter(min(int(score), int(max_score)) for score in scores)
    histogram = [{"label": f"{value:g}", "count": bins.get(value, 0)} for value in range(int(max_score) + 1)]
    failing: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        for check in row.report["checks"]:
            if check["status"] == "failed":
                failing[check["id"]].append(row)
    mistakes = []
    for check_id, failed_rows in sorted(failing.items(), key=lambda item: -len(item[1])):
        messages = Counter(next(c["message"] for c in r.report["checks"] if c["id"] == check_id)
                           for r in failed_rows)
        mistakes.append({"check": check_id, "count": len(failed_rows),
                         "examples": [{"message": m, "count": n} for m, n in messages.most_common(3)]})
    groups = sorted({tuple(sorted([student, *others])) for student, others in summary.identical.items()})
    review = [{"row": row, "findings": row.report["findings"]} for row in rows if row.report.get("findings")]
    return {
        "exercise": exercise,
        "count": len(rows),
        "mean": statistics.fmean(scores) if scores else 0.0,
        "median": statistics.median(scores) if scores else 0.0,
        "full_marks": sum(1 for row in rows if row.status == "passed"),
        "statuses": Counter(row.status for row in rows),
        "errors": Counter(row.error_kind for row in rows if row.error_kind).most_common(),
        "histogram": histogram,
        "histogram_max": max((b["count"] for b in histogram), default=0) or 1,
        "mistakes": mistakes,
        "identical_groups": groups,
        "review": review,
        "rows": rows,
        "file_names": file_names,
        "identical": summary.identical,
    }
