"""PrairieLearn's external grader: results.json checked field by field against PrairieLearn's
documentation (docs.prairielearn.com/externalGrading, "Grading results"), first on reports built by
hand (no TensorFlow), then by running the command the example question's info.json names against a
PrairieLearn-like root (``data/data.json``, ``student/``, ``results/``)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from grader.contract.results import CheckResult, Failure, FailureKind, Report
from grader.report.prairielearn_writer import (
    CHECK_DESCRIPTIONS,
    OUTPUT_LIMIT,
    UNGRADABLE,
    grader_fault,
    results_json,
)
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "prairielearn"
SUBMISSIONS = ROOT / "examples" / "compile-adam"
# compile-adam's points, from its exercise.toml: optimizer 2, loss 3, metrics 1, layers 2, params 2.
MAX_POINTS = 10.0
TEST_FIELDS = {"name", "description", "points", "max_points", "message", "output"}


def result(check_id: str, score: float, max_score: float, hint: str = "") -> CheckResult:
    return CheckResult(check_id, "passed" if score == max_score else "failed", score, max_score,
                       f"{check_id} explained.", hint=hint)


PARTIAL = Report("compile-adam", "s.py", (result("optimizer", 2, 2), result("loss", 0, 3, hint="Use sparse.")),
                 title="Compile", output="epoch 1\n")


def failed_with(kind: FailureKind) -> Report:
    checks = (CheckResult("loss", "skipped", 0.0, 3.0, f"Skipped (not graded: {kind})."),)
    return Report("compile-adam", "s.py", checks, error=Failure(kind, f"Because {kind}."), errored=True)


# --- the writer, on reports built by hand ---------------------------------------------------------

def test_a_graded_report_has_the_documented_fields_and_a_fractional_score():
    data = results_json(PARTIAL)
    assert data["gradable"] is True
    assert data["score"] == pytest.approx(0.4)
    assert "2/5 points" in data["message"]
    assert data["output"] == "epoch 1\n"
    assert all(set(test) == TEST_FIELDS for test in data["tests"])
    assert [(t["name"], t["points"], t["max_points"]) for t in data["tests"]] == [("optimizer", 2.0, 2.0),
                                                                                   ("loss", 0.0, 3.0)]


def test_a_test_is_described_by_what_the_check_asks_not_by_its_id():
    [optimizer, loss] = results_json(PARTIAL)["tests"]
    assert loss["description"] == CHECK_DESCRIPTIONS["loss"] != "loss"
    assert optimizer["description"] == CHECK_DESCRIPTIONS["optimizer"]


def test_the_hint_goes_with_the_message_and_not_in_the_program_output():
    loss = results_json(PARTIAL)["tests"][1]
    assert loss["message"] == "loss explained.\n\nHint: Use sparse."
    assert loss["output"] == ""


GRADED = sorted(set(FailureKind) - UNGRADABLE)


@pytest.mark.parametrize("kind", GRADED, ids=[kind.value for kind in GRADED])
def test_a_submission_that_ran_is_graded_with_the_reason_in_the_message(kind):
    data = results_json(failed_with(kind))
    assert data["gradable"] is True and data["score"] == 0.0
    assert f"Because {kind}." in data["message"]
    assert "format_errors" not in data


@pytest.mark.parametrize("kind", sorted(UNGRADABLE), ids=[kind.value for kind in sorted(UNGRADABLE)])
def test_a_submission_that_cannot_be_graded_at_all_says_why_in_format_errors(kind):
    data = results_json(failed_with(kind))
    assert data["gradable"] is False
    assert data["format_errors"] == [f"Because {kind}."]
    assert "score" not in data and data["tests"] == []


def test_the_ungradable_kinds_are_the_unreadable_and_unanswered_ones():
    assert {kind.value for kind in UNGRADABLE} == {"syntax", "not_attempted", "invalid_notebook", "too_large",
                                                   "encoding", "empty", "no_submission", "invalid_submission"}


def test_printed_output_is_bounded_to_keep_results_under_a_megabyte():
    report = Report("compile-adam", "s.py", (result("loss", 3, 3),), output="x" * (OUTPUT_LIMIT * 20))
    document = json.dumps(results_json(report))
    assert len(document) < 1024 * 1024
    assert "output truncated" in results_json(report)["output"]


def test_a_fault_of_the_grader_costs_the_student_no_attempt():
    data = grader_fault("the exercise's material is broken.")
    assert data["gradable"] is False and data["format_errors"] == []
    assert "does not count" in data["message"] and "material is broken" in data["message"]


# --- the example question and image -------------------------------------------------------------

def info() -> dict:
    return json.loads((EXAMPLE / "question" / "info.json").read_text(encoding="utf-8"))


def entrypoint_command(root: Path, *extra: str) -> list[str]:
    """The command info.json's entrypoint runs, with this interpreter's grader and ``--root``."""
    program, *arguments = shlex.split(info()["externalGradingOptions"]["entrypoint"])
    assert Path(program).is_absolute() and Path(program).name == "grader"
    return [sys.executable, "-m", "grader", *arguments, "--root", str(root), *extra]


def test_the_example_question_is_graded_externally_by_grader_prairielearn():
    question = info()
    options = question["externalGradingOptions"]
    assert question["gradingMethod"] == "External" and question["type"] == "v3"
    assert options["image"] and 30 <= options["timeout"] <= 600
    assert shlex.split(options["entrypoint"])[1:] == ["prairielearn", "--exercise", "compile-adam"]
    html = (EXAMPLE / "question" / "question.html").read_text(encoding="utf-8")
    assert "<pl-file-upload" in html and "<pl-external-grader-results>" in html


def test_the_image_runs_the_same_grader_the_entrypoint_names():
    dockerfile = (EXAMPLE / "Dockerfile").read_text(encoding="utf-8")
    program = shlex.split(info()["externalGradingOptions"]["entrypoint"])[0]
    assert f'ENTRYPOINT ["{program}", "prairielearn"]' in dockerfile
    assert "keras-grader==" in dockerfile


# --- the command, against a PrairieLearn-like root ------------------------------------------------

def job(tmp_path: Path, files: dict[str, bytes], data: dict | None = None) -> Path:
    """A grading job's folder as PrairieLearn lays it out (results/ is left to the grader)."""
    root = tmp_path / "grade"
    (root / "data").mkdir(parents=True)
    (root / "student").mkdir()
    for name, content in files.items():
        (root / "student" / name).write_bytes(content)
    if data is None:
        data = {"params": {}, "submitted_answers": {"_files": [{"name": name, "contents": ""} for name in files]}}
    (root / "data" / "data.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def grade(root: Path, *extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "GRADER_COURSE"}
    completed = subprocess.run(entrypoint_command(root, *extra), check=False, cwd=root, env=env, capture_output=True,
                               text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr  # PrairieLearn ignores results.json otherwise
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))


def test_a_file_that_is_not_utf8_is_not_gradable(tmp_path):
    data = grade(job(tmp_path, {"compile_adam.py": b"model = 1\n# \xff\xfe\n"}))
    assert data["gradable"] is False
    assert any("UTF-8" in error for error in data["format_errors"])


def test_a_broken_notebook_is_not_gradable(tmp_path):
    data = grade(job(tmp_path, {"compile_adam.ipynb": b'{"cells": [ '}))
    assert data["gradable"] is False
    assert any("not a valid Jupyter notebook" in error for error in data["format_errors"])


def test_no_python_file_at_all_is_not_gradable(tmp_path):
    data = grade(job(tmp_path, {"notes.txt": b"I did it in my head.\n"}))
    assert data["gradable"] is False
    assert any("No .py or .ipynb file" in error and "notes.txt" in error for error in data["format_errors"])


def test_an_empty_student_folder_is_not_gradable(tmp_path):
    data = grade(job(tmp_path, {}, data={"params": {}}))
    assert data["gradable"] is False and data["format_errors"]


def test_several_candidate_files_are_not_gradable(tmp_path):
    data = grade(job(tmp_path, {"compile_adam.py": b"x = 1\n", "compile_adam.ipynb": b"{}"}))
    assert data["gradable"] is False
    assert any("Several" in error for error in data["format_errors"])


def test_a_syntax_error_is_not_gradable_and_names_the_line(tmp_path):
    data = grade(job(tmp_path, {"compile_adam.py": (SUBMISSIONS / "syntax_error.py").read_bytes()}))
    assert data["gradable"] is False
    assert any("line" in error for error in data["format_errors"])


def test_an_unknown_exercise_is_a_fault_of_the_course_reported_in_results(tmp_path):
    root = job(tmp_path, {"compile_adam.py": b"x = 1\n"})
    data = grade(root, "--exercise", "no-such-exercise")
    assert data["gradable"] is False and data["format_errors"] == []
    assert "tell your instructor" in data["message"]


@pytest.mark.slow
def test_the_reference_answer_gets_full_marks(tmp_path):
    data = grade(job(tmp_path, {"compile_adam.py": (SUBMISSIONS / "correct.py").read_bytes()}))
    assert data["gradable"] is True and data["score"] == 1.0
    assert sum(t["points"] for t in data["tests"]) == sum(t["max_points"] for t in data["tests"]) == MAX_POINTS


@pytest.mark.slow
def test_a_one_hot_loss_loses_the_loss_points(tmp_path):
    data = grade(job(tmp_path, {"compile_adam.py": (SUBMISSIONS / "one_hot_loss.py").read_bytes()}))
    assert data["gradable"] is True and data["score"] == pytest.approx(0.7)
    points = {t["name"]: (t["points"], t["max_points"]) for t in data["tests"]}
    assert points["loss"] == (0.0, 3.0) and sum(p for p, _ in points.values()) == 7.0
    assert "Hint:" in next(t["message"] for t in data["tests"] if t["name"] == "loss")


@pytest.mark.slow
def test_a_submission_over_the_time_limit_is_graded_zero_and_says_so(tmp_path):
    loop = b"# grader: exercise=compile-adam\nprint('training forever')\nwhile True:\n    pass\n"
    data = grade(job(tmp_path, {"compile_adam.py": loop}), "--timeout", "4")
    assert data["gradable"] is True and data["score"] == 0.0
    assert "timeout" in data["message"] and "after 4 s" in data["message"]
    assert "training forever" in data["output"]
