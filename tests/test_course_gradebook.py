"""One --out for a whole course: two exercises graded into it, the course gradebook, LMS exports,
regrades (--force, --only, a changed limit), and missing students counted apart from errors.

Expected points, from the exercises' instructions and points (exercises/*/exercise.toml):
- compile-adam: the reference is 10/10; one_hot_loss.py (categorical loss on integer labels) is 7/10
  as tests/test_compile_adam.py works out.
- rmsprop: the reference is 10/10; the reference with loss="categorical_crossentropy" loses the loss
  check's 3 points: 7/10.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from grader.batch.collect import Entry
from grader.batch.course_book import Column, CourseBook
from grader.batch.gradebook import Row
from grader.batch.lms import read_lms_roster, write_canvas, write_moodle
from grader.batch.progress import SLOW_AFTER, slow_text
from grader.batch.run import grading_key
from grader.contract.limits import Limits
from grader.course.exercise import load_catalogue
from grader.errors import UsageError
from tests.conftest import ROOT

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def grader(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def graded_at(out: Path, exercise: str) -> dict[str, float]:
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return dict(db.execute("SELECT student, graded_at FROM results WHERE exercise=?", (exercise,)))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """alice does both exercises, bob only compile-adam, carol only rmsprop, dave nothing."""
    base = tmp_path_factory.mktemp("course")
    adam, rms = base / "adam", base / "rms"
    adam.mkdir()
    rms.mkdir()
    (adam / "alice.py").write_text((ROOT / "examples/compile-adam/correct.py").read_text())
    (adam / "bob.py").write_text((ROOT / "examples/compile-adam/one_hot_loss.py").read_text())
    reference = (ROOT / "solutions/rmsprop.py").read_text()
    (rms / "alice.py").write_text(reference)
    wrong = reference.replace('loss="sparse_categorical_crossentropy"', 'loss="categorical_crossentropy"')
    assert wrong != reference
    (rms / "carol.py").write_text(wrong)
    roster = base / "roster.csv"
    roster.write_text("file,student,SIS Login ID,ID,Section,Email address\n"
                      "alice.py,alice,alice01,101,A,alice@example.edu\nbob.py,bob,bob02,102,A,bob@example.edu\n"
                      "carol.py,carol,carol03,103,B,carol@example.edu\ndave.py,dave,dave04,104,B,dave@example.edu\n")
    out = base / "out"
    first = grader("batch", str(adam), "-e", "compile-adam", "--out", str(out), "--roster", str(roster), "-j", "2",
                   cwd=base)
    second = grader("batch", str(rms), "-e", "rmsprop", "--out", str(out), "--roster", str(roster), "-j", "2",
                    cwd=base)
    return base, out, roster, (first, second)


@pytest.mark.slow
def test_two_exercises_share_one_out_without_overwriting_each_other(course):
    _, out, _, runs = course
    assert [run.returncode for run in runs] == [1, 1], [run.stderr for run in runs]  # not all full marks
    for exercise in ("compile-adam", "rmsprop"):
        assert (out / exercise / "index.html").is_file()
        assert (out / exercise / "reports" / "alice.json").is_file()
        assert f"{exercise}/index.html" in (out / "index.html").read_text()  # the course page links both
    adam = {row[0]: row for row in read_csv(out / "compile-adam" / "gradebook.csv")[1:]}
    rms = {row[0]: row for row in read_csv(out / "rmsprop" / "gradebook.csv")[1:]}
    assert '"exercise": "compile-adam"' in (out / "compile-adam" / "reports" / "alice.json").read_text()
    assert (adam["alice"][2], adam["bob"][2], rms["alice"][2], rms["carol"][2]) == ("10", "7", "10", "7")
    # dave handed in nothing for either: missing, not an error with 0 points
    assert adam["dave"][4] == "missing" and rms["dave"][4] == "missing" and adam["carol"][4] == "missing"


@pytest.mark.slow
def test_course_gradebook_has_a_row_per_student_and_a_column_per_exercise(course):
    _, out, _, _ = course
    rows = read_csv(out / "gradebook.csv")
    assert rows[0] == ["student", "compile-adam", "rmsprop", "total", "max_total", "missing"]
    assert rows[1:] == [
        ["alice", "10", "10", "20", "20", ""],
        ["bob", "7", "", "7", "20", "rmsprop"],
        ["carol", "", "7", "7", "20", "compile-adam"],
        ["dave", "", "", "0", "20", "compile-adam;rmsprop"],
    ]
    page = (out / "index.html").read_text()
    assert "compile-adam/reports/alice.html" in page and "rmsprop/reports/carol.html" in page


@pytest.mark.slow
def test_lms_exports_follow_canvas_and_moodle_layouts(course):
    base, out, roster, _ = course
    canvas = grader("export", str(out), "--to", "canvas", "--roster", str(roster), cwd=base)
    assert canvas.returncode == 0, canvas.stderr
    rows = read_csv(out / "export-canvas.csv")
    assert rows[0] == [*CANVAS_HEADER, "Compile the wide Digits model with Adam", "Compile with RMSprop"]
    assert rows[1] == ["Points Possible", "", "", "", "", "10", "10"]
    assert rows[2:] == [
        ["alice", "101", "", "alice01", "A", "10", "10"],
        ["bob", "102", "", "bob02", "A", "7", ""],  # missing: an empty cell, not a zero
        ["carol", "103", "", "carol03", "B", "", "7"],
        ["dave", "104", "", "dave04", "B", "", ""],
    ]
    moodle = grader("export", str(out), "--to", "moodle", "--roster", str(roster), "-o", str(base / "m.csv"),
                    cwd=base)
    assert moodle.returncode == 0, moodle.stderr
    rows = read_csv(base / "m.csv")
    assert rows[0] == ["Email address", "Compile the wide Digits model with Adam", "Compile with RMSprop"]
    assert rows[1:] == [["alice@example.edu", "10", "10"], ["bob@example.edu", "7", ""],
                        ["carol@example.edu", "", "7"], ["dave@example.edu", "", ""]]
    plain = grader("export", str(out), "--to", "csv", "-o", "-", cwd=base)
    assert plain.stdout.replace("\r\n", "\n") == (out / "gradebook.csv").read_text().replace("\r\n", "\n")


@pytest.mark.slow
def test_force_only_and_a_longer_limit_regrade_unchanged_submissions(course):
    base, out, roster, _ = course
    adam = base / "adam"
    before = graded_at(out, "compile-adam")
    again = grader("batch", str(adam), "-e", "compile-adam", "--out", str(out), "--roster", str(roster), cwd=base)
    assert "0 graded, 4 unchanged" in again.stdout and graded_at(out, "compile-adam") == before
    only = grader("batch", str(adam), "-e", "compile-adam", "--out", str(out), "--only", "bob", cwd=base)
    assert "1 graded (1 regraded unchanged)" in only.stdout, only.stdout + only.stderr
    after_only = graded_at(out, "compile-adam")
    assert after_only["bob"] > before["bob"] and after_only["alice"] == before["alice"]
    forced = grader("batch", str(adam), "-e", "compile-adam", "--out", str(out), "--roster", str(roster), "--force",
                    cwd=base)
    assert "4 graded (4 regraded unchanged)" in forced.stdout, forced.stdout + forced.stderr
    after_force = graded_at(out, "compile-adam")
    assert all(after_force[s] > after_only[s] for s in after_force)
    longer = grader("batch", str(adam), "-e", "compile-adam", "--out", str(out), "--roster", str(roster),
                    "--timeout", "77", cwd=base)
    assert "4 graded" in longer.stdout and "unchanged (skipped)" in longer.stdout
    # the grades themselves did not move
    assert read_csv(out / "gradebook.csv")[1] == ["alice", "10", "10", "20", "20", ""]


@pytest.mark.slow
def test_only_a_student_not_in_the_class_is_a_usage_error(course):
    base, out, _, _ = course
    result = grader("batch", str(base / "adam"), "-e", "compile-adam", "--out", str(out), "--only", "zed", cwd=base)
    assert result.returncode == 2 and "zed" in result.stderr and "Traceback" not in result.stderr


def test_export_of_a_folder_never_graded_is_a_usage_error(tmp_path):
    result = grader("export", str(tmp_path), "--to", "canvas", cwd=tmp_path)
    assert result.returncode == 2 and "grader batch" in result.stderr and "Traceback" not in result.stderr


def test_the_regrade_key_covers_limits_and_the_integrity_policy():
    exercise = load_catalogue()["compile-adam"]
    default = grading_key(exercise)
    assert grading_key(exercise, limits=Limits(timeout=exercise.timeout)) == default
    assert grading_key(exercise, limits=Limits(timeout=exercise.timeout + 1)) != default
    assert grading_key(exercise, limits=Limits(timeout=exercise.timeout, memory=2 * 1024**3)) != default


def test_progress_names_only_submissions_running_longer_than_the_threshold():
    now = 100.0
    running = [(Entry("alice", None), now - SLOW_AFTER - 7), (Entry("bob", None), now - 1)]
    assert slow_text(running, now) == f"alice ({SLOW_AFTER + 7:.0f} s)"
    many = [(Entry(f"s{n}", None), now - 10 - n) for n in range(5)]
    assert slow_text(many, now) == "s4 (14 s), s3 (13 s), s2 (12 s) and 2 more"


def _row(student: str, exercise: str, score: float, status: str) -> Row:
    return Row(student, exercise, "", "", status, score, 10.0, None, {})


def test_canvas_and_moodle_without_a_roster_use_the_grader_ids():
    book = CourseBook([Column("ex", "Ex one", 10.0, "ex")])
    book.rows = {"zoe": {"ex": _row("zoe", "ex", 7.5, "failed")},
                 "=cmd": {"ex": _row("=cmd", "ex", 0.0, "missing")}}
    canvas, moodle = io.StringIO(), io.StringIO()
    write_canvas(book, None, canvas)
    write_moodle(book, None, moodle)
    assert list(csv.reader(io.StringIO(canvas.getvalue()))) == [
        [*CANVAS_HEADER, "Ex one"], ["Points Possible", "", "", "", "", "10"],
        ["'=cmd", "", "", "'=cmd", "", ""], ["zoe", "", "", "zoe", "", "7.5"]]
    assert list(csv.reader(io.StringIO(moodle.getvalue()))) == [["Username", "Ex one"], ["'=cmd", ""], ["zoe", "7.5"]]


def test_a_roster_without_a_student_column_is_a_usage_error(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("name,email\nzoe,z@x\n")
    with pytest.raises(UsageError, match="'student' column"):
        read_lms_roster(roster)


def test_a_missing_submission_is_missing_in_every_format_not_an_error():
    from grader.contract.results import Failure, FailureKind
    from grader.grading.pipeline import failure_report
    from grader.report.json_writer import report_from_dict, report_to_dict

    exercise = load_catalogue()["compile-adam"]
    missing = failure_report(exercise, "dave", Failure(FailureKind.NO_SUBMISSION, "No submission was found."))
    several = failure_report(exercise, "dan", Failure(FailureKind.INVALID_SUBMISSION, "Several candidate files."))
    assert (missing.status, several.status) == ("missing", "error")
    data = report_to_dict(missing)
    assert data["status"] == "missing" and report_from_dict(data).status == "missing"
