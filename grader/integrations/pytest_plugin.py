"""A pytest plugin (entry point ``pytest11``): each check of each configured submission is a test.

In a student repository's ``pyproject.toml``::

    [tool.grader]
    submissions = {"compile_adam.py" = "compile-adam"}

then ``pytest`` collects ``compile_adam.py`` as one item per check (``compile_adam.py::loss``),
grades it once in isolation, and fails each item whose check did not pass with the teaching
message. Without a ``[tool.grader]`` table the plugin does nothing.

Runs in: the tool's own process (Jupyter kernel, pytest, Gradescope's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from grader._compat import tomllib
from grader.contract.results import format_points
from grader.errors import GraderError

_ENGINE = pytest.StashKey[Any]()
_SUBMISSIONS = pytest.StashKey[dict[Path, str]]()


def pytest_configure(config: pytest.Config) -> None:
    pyproject = config.rootpath / "pyproject.toml"
    try:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("grader", {})
    except (OSError, tomllib.TOMLDecodeError):
        table = {}
    submissions = table.get("submissions", {})
    if not isinstance(submissions, dict):
        raise pytest.UsageError("[tool.grader] submissions must map file names to exercise ids")
    config.stash[_SUBMISSIONS] = {(config.rootpath / name).resolve(): str(exercise)
                                  for name, exercise in submissions.items()}


def pytest_unconfigure(config: pytest.Config) -> None:
    engine = config.stash.get(_ENGINE, None)
    if engine is not None:
        engine.close()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    exercise = parent.config.stash.get(_SUBMISSIONS, {}).get(file_path.resolve())
    if exercise is None:
        return None
    return SubmissionFile.from_parent(parent, path=file_path, exercise_id=exercise)


class SubmissionFile(pytest.File):
    """A configured submission: one item per check of its exercise, graded once."""

    def __init__(self, *, exercise_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.exercise_id = exercise_id
        self._report = None

    def collect(self):  # type: ignore[no-untyped-def]
        from grader.course.exercise import find_exercise, load_catalogue

        try:
            self.exercise = find_exercise(self.exercise_id, load_catalogue())
        except GraderError as exc:
            raise self.CollectError(f"[tool.grader] {self.path.name}: {exc.message}") from None
        for check in self.exercise.checks:
            yield CheckItem.from_parent(self, name=check.id)

    def report(self):  # type: ignore[no-untyped-def]
        if self._report is None:
            from grader.grading.pipeline import Grader
            from grader.grading.policy import CourseSettings
            from grader.runner.client import Engine

            config = self.config
            course = CourseSettings.load()
            if config.stash.get(_ENGINE, None) is None:
                config.stash[_ENGINE] = Engine(packages=course.packages)
            self._report = Grader(config.stash[_ENGINE], policy=course.policy).grade_file(self.path, self.exercise)
        return self._report


class CheckFailed(Exception):
    """A check did not pass; its message is the teaching message."""


class CheckItem(pytest.Item):
    def runtest(self) -> None:
        parent = self.parent
        assert isinstance(parent, SubmissionFile)
        report = parent.report()
        check = next(c for c in report.checks if c.id == self.name)
        if check.status == "passed":
            return
        lines = [f"{check.id}: {format_points(check.score)}/{format_points(check.max_score)} points", check.message]
        if report.error is not None:
            lines.insert(1, f"{report.error.kind}: {report.error.message}")
        if check.hint:
            lines.append(f"Hint: {check.hint}")
        raise CheckFailed("\n".join(lines))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        if isinstance(excinfo.value, GraderError):
            return f"grader: {excinfo.value.message}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, self.name  # pytest prefixes the file itself
