"""The example course in examples/second-course: its exercises load beside the lesson's, each
reference gets full marks, each untouched stub is not attempted, and each mistake file scores what
mistakes/expected.toml decided for it (by hand, from the instructions and the points)."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader._compat import tomllib
from grader.contract.results import Report
from grader.course.exercise import Exercise, detect_exercise_id, load_catalogue
from grader.course.render import render_solution, render_text
from grader.grading.pipeline import Grader
from tests.conftest import ROOT, failing

COURSE = ROOT / "examples" / "second-course"
MISTAKES = COURSE / "mistakes"
EXERCISES = ["batchnorm-dropout", "conv-digits"]
EXPECTED = tomllib.loads((MISTAKES / "expected.toml").read_text(encoding="utf-8"))["mistakes"]


@pytest.fixture(scope="module")
def course_catalogue() -> dict[str, Exercise]:
    return load_catalogue(COURSE)


@pytest.fixture(scope="module")
def mistake_reports(session_grader: Grader, course_catalogue: dict[str, Exercise]):
    """Grade a mistake file once, however many tests look at its report."""
    reports: dict[str, Report] = {}

    def report_for(file: str) -> Report:
        if file not in reports:
            exercise = course_catalogue[Path(file).parent.name]
            reports[file] = session_grader.grade_file(MISTAKES / file, exercise)
        return reports[file]

    return report_for


def test_the_course_lists_its_exercises_beside_the_lessons(course_catalogue):
    assert set(EXERCISES) <= set(course_catalogue)
    assert "compile-adam" in course_catalogue  # lesson = true in its grader.toml
    assert all(course_catalogue[e].directory.is_relative_to(COURSE) for e in EXERCISES)


def test_every_mistake_file_has_an_expectation_a_marker_and_a_stated_mistake():
    files = sorted(path.relative_to(MISTAKES).as_posix() for path in MISTAKES.glob("*/*.py"))
    assert files == sorted(entry["file"] for entry in EXPECTED)
    for file in files:
        first, second = (MISTAKES / file).read_text(encoding="utf-8").splitlines()[:2]
        assert detect_exercise_id(first) == Path(file).parent.name and first.startswith("# grader:"), file
        assert second.startswith("# Mistake: "), file


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_rendered_stubs_are_up_to_date_and_give_no_answer(course_catalogue, exercise_id):
    exercise = course_catalogue[exercise_id]
    text = render_text(exercise)
    assert exercise.stub_py.read_text(encoding="utf-8") == text
    assert exercise.stub_ipynb.is_file()
    code = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert "model.add" not in code and "compile(" not in code and "TODO" not in text


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_gets_full_marks(session_grader, course_catalogue, exercise_id, tmp_path):
    exercise = course_catalogue[exercise_id]
    solution = tmp_path / exercise.solution.name
    solution.write_text(render_solution(exercise), encoding="utf-8")
    report = session_grader.grade_file(solution, exercise)
    assert report.status == "passed" and report.score == exercise.max_score, report.checks


@pytest.mark.slow
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_untouched_stub_is_not_attempted(session_grader, course_catalogue, exercise_id):
    exercise = course_catalogue[exercise_id]
    for stub in (exercise.stub_py, exercise.stub_ipynb):
        report = session_grader.grade_file(stub, exercise)
        assert report.score < exercise.max_score, stub
        assert report.error is not None and report.error.kind == "not_attempted", stub


def _outcome(report: Report) -> str:
    return (f"{report.status} {report.score:g}/{report.max_score:g}, failing {sorted(failing(report))}: "
            + " | ".join(f"{c.id}: {c.message}" for c in report.checks if c.status != "passed")
            + (f" | error: {report.error.message}" if report.error else ""))


@pytest.mark.slow
@pytest.mark.parametrize("expected", EXPECTED, ids=[entry["file"] for entry in EXPECTED])
def test_mistake_scores_what_was_decided_for_it(mistake_reports, expected):
    report = mistake_reports(expected["file"])
    assert report.status == expected["status"], _outcome(report)
    assert report.score == pytest.approx(expected["score"], abs=0.01), _outcome(report)
    assert failing(report) == set(expected["failing"]), _outcome(report)


@pytest.mark.slow
@pytest.mark.parametrize("expected", EXPECTED, ids=[entry["file"] for entry in EXPECTED])
def test_mistake_feedback_names_what_is_wrong(mistake_reports, expected):
    report = mistake_reports(expected["file"])
    feedback = " ".join([c.message for c in report.checks if c.status != "passed"]
                        + [report.error.message if report.error else ""])
    assert expected["phrase"].lower() in feedback.lower(), _outcome(report)
