"""What an instructor gets for a whole class, all written here: gradebook.csv, index.html, and per
student ``reports/<student>`` in each of ``STUDENT_FORMATS`` (registered writers) and as a page.

Runs in the CLI's process. Student outputs are written as each result arrives; at the end,
everything is rebuilt from the SQLite gradebook, so it is complete after any re-run, including one
that follows a killed batch.

The class summary counts each submission once: a roster student with nothing handed in is
"missing" (counted, but left out of the mean, the median and the histogram); a submission that
could not be graded counts as its score (0) in the mean and once under its error kind, never once
per check it made fail or skip. Similar submissions come from ``grader.batch.similarity``.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from grader.batch.gradebook import Row
from grader.batch.similarity import Similarity, exercise_analysis
from grader.contract.results import Report
from grader.course.exercise import Exercise
from grader.grading.checks import needing
from grader.report import WRITERS
from grader.report.html_writer import render_page
from grader.report.json_writer import report_from_dict

STATUSES = ("passed", "failed", "error", "missing")
# Sorts the students table on a click on a header and filters it by text and status. The page is
# whole without it; the CSP names this exact text by its hash (``script_source``).
TABLE_SCRIPT = """
(function () {
  var table = document.getElementById("students"), rows = table.tBodies[0];
  var text = document.getElementById("filter-text"), status = document.getElementById("filter-status");
  document.getElementById("table-controls").hidden = false;
  function filter() {
    var query = text.value.trim().toLowerCase(), wanted = status.value, shown = 0;
    Array.prototype.forEach.call(rows.rows, function (row) {
      row.hidden = (wanted && row.dataset.status !== wanted) || row.textContent.toLowerCase().indexOf(query) < 0;
      if (!row.hidden) { shown += 1; }
    });
    document.getElementById("filter-count").textContent = shown + " of " + rows.rows.length + " shown";
  }
  function key(row, column, numeric) {
    var cell = row.cells[column], value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
    if (!numeric) { return value.trim().toLowerCase(); }
    var number = parseFloat(value);
    return isNaN(number) ? -Infinity : number;
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    while (header.firstChild) { button.appendChild(header.firstChild); }
    header.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending", numeric = header.dataset.type === "number";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      Array.prototype.slice.call(rows.rows).sort(function (a, b) {
        var x = key(a, column, numeric), y = key(b, column, numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      }).forEach(function (row) { rows.appendChild(row); });
    });
  });
  text.addEventListener("input", filter);
  status.addEventListener("change", filter);
  filter();
}());
"""


def script_source(script: str) -> str:
    """The CSP source that allows exactly this inline script: ``'sha256-<base64 digest>'``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass(frozen=True)
class ClassSummary:
    rows: list[Row]
    similarity: Similarity

    def similar_to(self, student: str) -> list[tuple[str, float]]:
        return self.similarity.similar_to(student)


def summarise(rows: list[Row], exercise: Exercise) -> ClassSummary:
    return ClassSummary(rows, exercise_analysis({row.student: row.source for row in rows}, exercise))


# Each student's report, besides the page, in these registered formats (grader.report.WRITERS).
STUDENT_FORMATS = ("json", "markdown")


def write_class_outputs(rows: list[Row], exercise: Exercise, out: Path, file_names: dict[str, str]) -> None:
    summary = summarise(rows, exercise)
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
                         "findings", "similar_to", "submission"])
        for row in summary.rows:
            scores = {check["id"]: check["score"] for check in row.report["checks"]}
            missing = row.status == "missing"  # nothing handed in: no points to show, not zeros
            writer.writerow([csv_safe(row.student), row.exercise, "" if missing else f"{row.score:g}",
                             f"{row.max_score:g}", row.status, row.error_kind or "",
                             *("" if missing else f"{scores.get(c, 0):g}" for c in check_ids),
                             findings_cell(row.report),
                             ";".join(csv_safe(other) for other, _ in summary.similar_to(row.student)),
                             csv_safe(row.submission)])


def findings_cell(report: dict[str, Any]) -> str:
    """A report's integrity findings for one spreadsheet cell: ``detector (action)``, by ``;``."""
    found = report.get("findings") or []
    return ";".join(sorted({f"{item['kind']} ({item.get('action', 'flag')})" for item in found}))


def csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas in text that came from students (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def class_counts(rows: list[Row]) -> dict[str, Any]:
    """How many students are in each state; mean and median of the handed-in scores (errors as 0)."""
    statuses = Counter(row.status for row in rows)
    scores = [row.score for row in rows if row.status != "missing"]
    return {
        "students": len(rows), "handed_in": len(scores), "passed": statuses["passed"],
        "failed": statuses["failed"], "errored": statuses["error"], "missing": statuses["missing"],
        "errors_by_kind": Counter(row.error_kind or "unknown" for row in rows if row.status == "error").most_common(),
        "mean": statistics.fmean(scores) if scores else None,
        "median": statistics.median(scores) if scores else None,
    }


def score_bins(rows: list[Row], max_score: float) -> list[dict[str, Any]]:
    """Handed-in scores in bins ``[lo, hi)``, the last one closed (full marks are in it): one point
    wide up to 20 points, else a tenth of ``max_score``. ``errors``: how many of a bin's are errors."""
    width = 1.0 if max_score <= 20 and float(max_score).is_integer() else max_score / 10
    count = max(1, math.ceil(max_score / width - 1e-9)) if max_score > 0 else 1
    bins = [{"lo": i * width, "hi": min((i + 1) * width, max_score), "graded": 0, "errors": 0} for i in range(count)]
    for row in rows:
        if row.status == "missing":
            continue
        index = min(max(int(row.score / width + 1e-9), 0), count - 1) if width > 0 else 0
        bins[index]["errors" if row.status == "error" else "graded"] += 1
    for item in bins:
        item["count"] = item["graded"] + item["errors"]
        item["label"] = f"{item['lo']:g}–{item['hi']:g}"
    return bins


def count_ticks(highest: int) -> list[int]:
    """Round tick values for a count axis from 0 to at least ``highest``: six at most."""
    highest = max(highest, 1)
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 250, 500) if highest / s <= 5), 1000)
    return list(range(0, math.ceil(highest / step) * step + 1, step))


def check_rates(rows: list[Row], exercise: Exercise) -> list[dict[str, Any]]:
    """Per check: passed, failed and skipped (or errored) counts among handed-in submissions, and
    the pass rate among those where the check ran (passed + failed)."""
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row.status != "missing":
            for check in row.report["checks"]:
                tally[check["id"]]["skipped" if check["status"] in ("skipped", "error") else check["status"]] += 1
    rates = []
    for config in exercise.checks:
        counts = tally[config.id]
        ran = counts["passed"] + counts["failed"]
        rates.append({"id": config.id, "title": getattr(config, "title", "") or config.hint, "points": config.points,
                      "passed": counts["passed"], "failed": counts["failed"], "skipped": counts["skipped"],
                      "rate": counts["passed"] / ran if ran else None})
    return rates


def explained_checks(error_kind: str | None) -> frozenset[str]:
    """The checks a graded submission's problem makes fail by itself (an uncompiled model fails every
    compile and training check with that one cause): counted under the problem, not each on its own."""
    return needing("compile") | needing("trial") if error_kind == "not_compiled" else frozenset()


def common_mistakes(rows: list[Row]) -> list[dict[str, Any]]:
    """Failed checks grouped by (check, feedback), and submission problems by kind (each submission
    once), each with its students; most frequent first."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.status == "missing":
            continue
        if row.error_kind:
            groups[("", row.error_kind)].append(row)
        if row.status == "error":
            continue  # every check was skipped for that one cause
        explained = explained_checks(row.error_kind)
        for check in row.report["checks"]:
            if check["status"] == "failed" and check["id"] not in explained:
                groups[(check["id"], check["message"])].append(row)
    mistakes = []
    for (check_id, text), members in groups.items():
        if check_id:
            mistakes.append({"check": check_id, "kind": None, "message": text, "rows": members})
        else:
            messages = Counter((row.report.get("error") or {}).get("message", "") for row in members)
            mistakes.append({"check": None, "kind": text, "message": messages.most_common(1)[0][0], "rows": members})
    return sorted(mistakes, key=lambda m: (-len(m["rows"]), m["check"] or "", m["kind"] or "", m["message"]))


def check_cell(check: dict[str, Any] | None) -> dict[str, Any]:
    """A check's cell in the students table: a symbol, the points, a sort value and the feedback."""
    if check is None or check["status"] in ("skipped", "error"):
        return {"text": "–", "value": "", "status": "skipped", "title": check["message"] if check else ""}
    symbol = "✓" if check["status"] == "passed" else "✗"
    return {"text": f"{symbol} {check['score']:g}", "value": f"{check['score']:g}", "status": check["status"],
            "title": check["message"]}


def student_rows(summary: ClassSummary, exercise: Exercise, file_names: dict[str, str]) -> list[dict[str, Any]]:
    table = []
    for row in summary.rows:
        checks = {check["id"]: check for check in row.report["checks"]}
        table.append({"row": row, "name": file_names[row.student],
                      "checks": [check_cell(checks.get(config.id)) for config in exercise.checks],
                      "findings": findings_cell(row.report).replace(";", ", "),
                      "similar": [{"student": other, "name": file_names.get(other, ""), "ratio": ratio}
                                  for other, ratio in summary.similar_to(row.student)]})
    return table


def similar_groups(summary: ClassSummary) -> list[list[dict[str, Any]]]:
    """Each group of similar submissions, for the page: every member with its score and how much
    code of its own it has (tokens and statements beyond the stub), and its closest match."""
    rows = {row.student: row for row in summary.rows}
    groups = []
    for group in summary.similarity.groups():
        members = []
        for student in group:
            part = summary.similarity.parts.get(student)
            closest = summary.similar_to(student)[0]
            members.append({"student": student, "row": rows.get(student), "tokens": len(part.tokens) if part else 0,
                            "statements": part.statements if part else 0, "closest": closest})
        groups.append(members)
    return groups


def _index_context(summary: ClassSummary, exercise: Exercise, file_names: dict[str, str]) -> dict[str, Any]:
    rows = summary.rows
    bins = score_bins(rows, exercise.max_score)
    return {
        "exercise": exercise,
        "counts": class_counts(rows),
        "histogram": bins,
        "ticks": count_ticks(max((b["count"] for b in bins), default=0)),
        "check_rates": check_rates(rows, exercise),
        "mistakes": common_mistakes(rows),
        "similar_groups": similar_groups(summary),
        "review": [{"row": row, "findings": row.report["findings"]} for row in rows if row.report.get("findings")],
        "students": student_rows(summary, exercise, file_names),
        "statuses": STATUSES,
        "file_names": file_names,
        "script": Markup(TABLE_SCRIPT),  # our own constant, not student text: not to be escaped
        "script_hash": script_source(TABLE_SCRIPT),
    }
