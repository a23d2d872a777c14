"""Shared fixtures. One warm TensorFlow worker serves every test that grades real code."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from grader.contract.results import Report
from grader.course.exercise import Exercise, load_catalogue
from grader.grading.pipeline import Grader
from grader.runner.client import Engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue() -> dict[str, Exercise]:
    return load_catalogue(ROOT)


@pytest.fixture(scope="session")
def compile_adam(catalogue: dict[str, Exercise]) -> Exercise:
    return catalogue["compile-adam"]


@pytest.fixture(scope="session")
def engine():
    with Engine(warm_up=True) as warm:
        yield warm


@pytest.fixture(scope="session")
def session_grader(engine: Engine) -> Grader:
    return Grader(engine)


@pytest.fixture
def grade_code(session_grader: Grader, compile_adam: Exercise, tmp_path: Path) -> Callable[..., Report]:
    """Grade Python source (or a notebook's JSON with suffix='.ipynb') through the warm worker."""

    def grade(code: str, *, suffix: str = ".py", exercise: Exercise | None = None) -> Report:
        path = tmp_path / f"submission{suffix}"
        path.write_text(code, encoding="utf-8")
        return session_grader.grade_file(path, exercise or compile_adam)

    return grade


def failing(report: Report) -> set[str]:
    """Ids of the checks that did not pass."""
    return {check.id for check in report.checks if check.status != "passed"}


def check(report: Report, check_id: str):
    return next(c for c in report.checks if c.id == check_id)


def attempt(action: Callable[[], object]) -> str:
    """What the OS made of ``action``: 'allowed', 'refused' (PermissionError) or 'other: ...'."""
    try:
        action()
        return "allowed"
    except PermissionError:
        return "refused"
    except OSError as exc:
        return f"other: {exc}"
