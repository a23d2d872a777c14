"""grader batch end to end: a class with correct, wrong, hanging, crashing and hostile submissions.

Expected scores are the ones worked out for each example file in tests/test_compile_adam.py.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

EXAMPLES = ROOT / "examples" / "compile-adam"
EX = "compile-adam"  # the exercise's folder in --out
HANG = "# grader: exercise=compile-adam\nwhile True:\n    pass\n"
CRASH = "# grader: exercise=compile-adam\nimport faulthandler\nfaulthandler._sigsegv()\n"
# Honest, but a flag: a relu of the student's own is saved (and graded) as Keras' relu by its name.
OWN_RELU = "\ndef relu(x):\n    return x * (x > 0)\nmodel.layers[0].activation = relu\n"
EVIL_NAME = "<b>eve<i>"
EVIL_CODE = ("# grader: exercise=compile-adam\nprint('<script>alert(1)</script>')\n"
             "raise ValueError('<img src=x onerror=alert(2)>')\n")


def run_batch(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", "batch", str(source), "--exercise", "compile-adam",
                           "--out", str(out), "--timeout", "4", *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def make_class(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for n in range(1, 4):
        (folder / f"twin{n}.py").write_text((EXAMPLES / "correct.py").read_text())
    (folder / "alice.py").write_text((EXAMPLES / "one_hot_loss.py").read_text())
    (folder / "bob").mkdir()
    (folder / "bob" / "notebook.ipynb").write_text((EXAMPLES / "correct_notebook.ipynb").read_text())
    (folder / "hang.py").write_text(HANG)
    (folder / "crash.py").write_text(CRASH)
    (folder / "relu.py").write_text((EXAMPLES / "correct.py").read_text() + OWN_RELU)
    (folder / f"{EVIL_NAME}.py").write_text(EVIL_CODE)
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    source = make_class(base / "class")
    out = base / "out"
    return source, out, run_batch(source, out, "--jobs", "2")


def csv_rows(out: Path, exercise: str = EX) -> dict[str, dict[str, str]]:
    with open(out / exercise / "gradebook.csv", newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def test_every_student_gets_the_verdict_their_file_deserves(graded):
    _, out, result = graded
    assert result.returncode == 1, result.stderr  # not everyone has full marks
    rows = csv_rows(out)
    assert {name: (row["score"], row["status"], row["error_kind"]) for name, row in rows.items()} == {
        "twin1": ("10", "passed", ""), "twin2": ("10", "passed", ""), "twin3": ("10", "passed", ""),
        "alice": ("7", "failed", ""), "bob": ("10", "passed", ""),
        "hang": ("0", "error", "timeout"), "crash": ("0", "error", "crashed"),
        EVIL_NAME: ("0", "error", "exception"), "relu": ("10", "passed", ""),
    }
    assert {name: row["findings"] for name, row in rows.items() if row["findings"]} == {"relu": "activations (flag)"}
    assert rows["alice"]["loss"] == "0" and rows["alice"]["optimizer"] == "2"


def test_a_hanging_submission_is_stopped_at_its_own_time_limit(graded):
    # How long the batch takes is the benchmark's business (benchmarks/bench_batch.py); here, that the
    # hang is stopped by its own limit, says so, and leaves the worker able to grade everyone else.
    _, out, _ = graded
    hang = json.loads((out / EX / "reports" / "hang.json").read_text())
    assert hang["error"]["kind"] == "timeout"
    assert "still running after 4 s and was stopped" in hang["error"]["message"]
    assert sum(1 for row in csv_rows(out).values() if row["status"] == "passed") == 5


def test_the_class_summary_lists_what_needs_review_with_the_evidence(graded):
    _, out, _ = graded
    index = (out / EX / "index.html").read_text()
    review = index[index.index("<h2>Needs review</h2>"):index.index("<h2>Similar submissions (for review)</h2>")]
    assert "relu" in review and "activations" in review and "(flag)" in review
    assert "a function of the submission&#39;s own" in review
    assert "twin1" not in review


def test_the_same_correct_one_line_fill_in_is_not_flagged_as_similar(graded):
    # twin1-3 hand in the same file, but their own part is the one compile line everyone writes
    # (grader.batch.similarity; copies of longer work are in tests/test_class_summary.py)
    _, out, _ = graded
    rows = csv_rows(out)
    assert rows["twin1"]["similar_to"] == "" and rows["alice"]["similar_to"] == ""
    assert "No two submissions are that alike" in (out / EX / "index.html").read_text()


def test_gradebook_holds_one_committed_row_per_student_with_its_report(graded):
    _, out, _ = graded
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        rows = db.execute("SELECT student, status, score, report FROM results ORDER BY student").fetchall()
    assert len(rows) == 9
    report = json.loads(dict((r[0], r[3]) for r in rows)["alice"])
    assert report["score"] == 7 and report["submission"] == "alice.py"


def test_each_student_has_json_markdown_and_html_reports_linked_from_the_index(graded):
    _, out, _ = graded
    index = (out / EX / "index.html").read_text()
    for student in ("alice", "bob", "hang"):
        for suffix in (".json", ".md", ".html"):
            assert (out / EX / "reports" / f"{student}{suffix}").is_file()
            assert f'href="reports/{student}{suffix}"' in index
    assert "<svg" in index and "Most common mistakes" in index and "loss" in index


def test_text_from_students_is_escaped_in_every_page(graded):
    _, out, _ = graded
    pages = [out / EX / "index.html", *sorted((out / EX / "reports").glob("*.html"))]
    for page in pages:
        text = page.read_text()
        assert "<script>alert" not in text and "<img" not in text and "<b>eve" not in text, page
        assert text.count("<script>") == (page.name == "index.html")  # only the students table's own
    assert "&lt;b&gt;eve&lt;i&gt;" in (out / EX / "index.html").read_text()


def test_rerun_skips_unchanged_and_regrades_a_changed_submission(graded, tmp_path):
    source, out, _ = graded
    (source / "alice.py").write_text((EXAMPLES / "correct.py").read_text())
    for suffix in (".json", ".md"):  # lost since (a killed run, a careless rm): rebuilt from the gradebook
        (out / EX / "reports" / f"bob{suffix}").unlink()
    again = run_batch(source, out, "--jobs", "1")
    assert "1 graded, 8 unchanged (skipped)" in again.stdout, again.stdout + again.stderr
    assert csv_rows(out)["alice"]["score"] == "10"
    assert json.loads((out / EX / "reports" / "bob.json").read_text())["score"] == 10
    assert "10/10" in (out / EX / "reports" / "bob.md").read_text()


def test_zip_input_gives_the_same_gradebook(graded, tmp_path):
    source, out, _ = graded
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in source.rglob("*"):
            if path.is_file() and "hang" not in path.name:
                bundle.write(path, Path("submissions") / path.relative_to(source))
    zipped_out = tmp_path / "zipped"
    result = run_batch(archive, zipped_out, "--jobs", "2")
    assert result.returncode == 1, result.stderr
    expected = {k: (v["score"], v["status"]) for k, v in csv_rows(out).items() if k != "hang"}
    assert {k: (v["score"], v["status"]) for k, v in csv_rows(zipped_out).items()} == expected


def test_kill_9_at_any_moment_then_rerun_grades_each_submission_exactly_once(tmp_path):
    source = tmp_path / "many"
    source.mkdir()
    for n in range(24):
        example = ("correct.py", "wrong_optimizer.py", "no_metrics.py")[n % 3]
        (source / f"s{n:02d}.py").write_text((EXAMPLES / example).read_text() + f"# student {n}\n")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "grader", "batch", str(source), "--exercise", "compile-adam",
                                "--out", str(out), "--jobs", "1", "--timeout", "4"], cwd=ROOT,
                               start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    database = out / "gradebook.sqlite"
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and committed < 5:
        time.sleep(0.05)
        if database.exists():
            try:
                with sqlite3.connect(database) as db:
                    committed = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 5 <= committed < 24
    time.sleep(1.0)
    leftover = subprocess.run(["pgrep", "-f", "grader.runner.worker"], capture_output=True, text=True).stdout.split()
    assert all(_parent_alive_and_not_ours(pid, process.pid) for pid in leftover)
    with sqlite3.connect(database) as db:
        before = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    rerun = run_batch(source, out, "--jobs", "2")
    assert f"{24 - before} graded, {before} unchanged (skipped)" in rerun.stdout, rerun.stdout + rerun.stderr
    with sqlite3.connect(database) as db:
        students = [row[0] for row in db.execute("SELECT student FROM results")]
    assert sorted(students) == [f"s{n:02d}" for n in range(24)]
    final = run_batch(source, out, "--jobs", "1")
    assert "0 graded, 24 unchanged (skipped)" in final.stdout


def _parent_alive_and_not_ours(pid: str, killed: int) -> bool:
    """True for workers that belong to someone else's live grader (e.g. this test session's)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return True  # already gone
    return int(stat[1]) not in (killed, 1)


def test_all_full_marks_exits_0(tmp_path):
    source = tmp_path / "good"
    source.mkdir()
    (source / "ann.py").write_text((EXAMPLES / "correct.py").read_text())
    result = run_batch(source, tmp_path / "out", "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_batch_grades_each_student_against_their_own_variant(tmp_path):
    from grader.course.exercise import load_catalogue
    from grader.course.render import render_solution

    exercise = load_catalogue(ROOT)["sgd-momentum"]
    ann, bob = "ann", next(name for name in ("bob", "bea", "ben", "bill", "bo")
                           if exercise.variant_for(name) != exercise.variant_for("ann"))
    source = tmp_path / "class"
    source.mkdir()
    (source / f"{ann}.py").write_text(render_solution(exercise, ann))
    (source / f"{bob}.py").write_text(render_solution(exercise, ann))  # copied from ann: not bob's variant
    result = subprocess.run([sys.executable, "-m", "grader", "batch", str(source), "--exercise", "sgd-momentum",
                             "--out", str(tmp_path / "out"), "--jobs", "1"], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    rows = csv_rows(tmp_path / "out", "sgd-momentum")
    assert rows[ann]["status"] == "passed", result.stdout + result.stderr
    assert rows[bob]["status"] == "failed" and rows[bob]["optimizer"] != "4"
    assert rows[ann]["similar_to"] == ""  # one compile statement is never evidence (grader.batch.similarity)
