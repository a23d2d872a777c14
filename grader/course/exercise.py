"""Exercises are data: ``exercises/<id>/exercise.toml`` plus a template and a solution.

The engine reads them here and nowhere else. Adding an exercise means adding
files, never editing the engine.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader._compat import tomllib
from grader.contract.spec import LABEL_KINDS
from grader.course.course import (
    CONFIG_FILE,
    Course,
    find_course,
    lesson_root,
    load_course,
)
from grader.errors import ExerciseError, unknown_name

# The rendered stub carries this line so that `grader check file.py` knows the exercise.
MARKER_RE = re.compile(r"grader:\s*exercise\s*=\s*([A-Za-z0-9_-]+)")
STUDENT_RE = re.compile(r"grader:\s*exercise\s*=\s*[A-Za-z0-9_-]+\s+student\s*=\s*(\S+)")



@dataclass(frozen=True)
class CheckConfig:
    id: str
    points: float
    hint: str = ""
    # Check-specific settings from the TOML table (e.g. which optimizer settings to compare, or
    # visibility = "after_due_date" to hide the check on Gradescope until then).
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    instructions: str
    model_variable: str
    labels: str  # how the targets are encoded; decides what 'accuracy' means
    stub_name: str  # file stem of the rendered stub, e.g. "compile_adam"
    solution: Path
    template: Path
    directory: Path  # exercises/<id>/, where the rendered stubs live
    checks: tuple[CheckConfig, ...]
    timeout: float = 60.0
    # Per-student variants: parameter -> its possible values ([variants] in exercise.toml).
    variants: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    # Variables besides the model that the submission hands in, as plain data (e.g. quiz answers).
    exports: tuple[str, ...] = ()
    # The course folder (or the lesson's) that solution and template paths are relative to.
    root: Path | None = None

    @property
    def max_score(self) -> float:
        return sum(check.points for check in self.checks)

    def variant_for(self, student: str | None) -> dict[str, Any]:
        """The student's variant, the same every time for the same id; the first values without one."""
        names = sorted(self.variants)
        choices = list(itertools.product(*(self.variants[name] for name in names)))
        if not choices:
            return {}
        if student is None:
            return {name: self.variants[name][0] for name in names}
        digest = hashlib.sha256(f"{self.id}\0{student}".encode()).digest()
        return dict(zip(names, choices[int.from_bytes(digest[:8], "big") % len(choices)]))

    @property
    def stub_py(self) -> Path:
        return self.directory / f"{self.stub_name}.py"

    @property
    def stub_ipynb(self) -> Path:
        return self.directory / f"{self.stub_name}.ipynb"


def load_exercise(directory: Path, root: Path, default_timeout: float | None = None) -> Exercise:
    definition = directory / "exercise.toml"
    try:
        data = tomllib.loads(definition.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ExerciseError(f"cannot read {definition}: {exc}", path=str(definition)) from exc
    try:
        checks = tuple(
            CheckConfig(
                id=check_id,
                points=float(table.pop("points")),
                hint=str(table.pop("hint", "")),
                options=table,
            )
            for check_id, table in data["checks"].items()
        )
        exercise = Exercise(
            id=data["id"],
            title=data["title"],
            instructions=data["instructions"].strip(),
            model_variable=data.get("model_variable", "model"),
            labels=data.get("labels", "integer"),
            stub_name=data["stub_name"],
            solution=root / data["solution"],
            template=root / data["template"],
            directory=directory,
            checks=checks,
            timeout=float(data.get("timeout", default_timeout or 60.0)),
            variants={name: tuple(values) for name, values in data.get("variants", {}).items()},
            exports=tuple(data.get("exports", ())),
            root=root,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ExerciseError(f"{definition}: missing or invalid field {exc}", path=str(definition)) from exc
    if exercise.id != directory.name:
        raise ExerciseError(f"{definition}: id {exercise.id!r} does not match its folder {directory.name!r}")
    if any(not isinstance(v, tuple) or not v for v in exercise.variants.values()):
        raise ExerciseError(f"{definition}: each [variants] entry must be a non-empty list of values")
    if exercise.labels not in LABEL_KINDS:
        raise ExerciseError(f"{definition}: labels must be one of {', '.join(LABEL_KINDS)}")
    if any("target" in check.options for check in exercise.checks):
        raise ExerciseError(f"{definition}: a check has a `target` option; a trial training fits the exercise's "
                            f"labels ({exercise.labels}), so remove it")
    return exercise


def load_catalogue(course: Course | Path | None = None) -> dict[str, Exercise]:
    """Every exercise of the course (``find_course()`` by default; a Path is a course folder) and,
    unless the course turns it off, of the built-in lesson, by id. An id defined twice is an error."""
    if course is None:
        course = find_course()
    elif isinstance(course, Path):
        course = load_course(course)
    lesson = lesson_root()
    sources: list[tuple[Path, Path]] = []  # (folder of exercise folders, the root its paths are relative to)
    if course.lesson and course.root != lesson and (lesson / "exercises").is_dir():
        sources.append((lesson / "exercises", lesson))
    if course.root is not None:
        missing = [folder for folder in course.catalogues if not folder.is_dir()]
        if missing and course.catalogues_named:
            raise ExerciseError(f"{course.config or course.root}: no exercises folder at {missing[0]}",
                                path=str(missing[0]))
        sources += [(folder, course.root) for folder in course.catalogues if folder.is_dir()]
    catalogue: dict[str, Exercise] = {}
    for folder, root in sources:
        for path in sorted(folder.iterdir()):
            if not (path / "exercise.toml").is_file():
                continue
            exercise = load_exercise(path, root, course.timeout)
            if exercise.id in catalogue:
                first = catalogue[exercise.id].directory
                where = "the built-in lesson" if first.is_relative_to(lesson) and root != lesson else str(first)
                raise ExerciseError(f"exercise {exercise.id!r} is defined twice: in {where} ({first}) and in "
                                    f"{path}. Rename one, or set lesson = false under [course] in "
                                    f"{course.config or CONFIG_FILE} to leave the lesson out.", path=str(path))
            catalogue[exercise.id] = exercise
    return catalogue


def find_exercise(exercise_id: str, catalogue: dict[str, Exercise]) -> Exercise:
    """The exercise called ``exercise_id``, or a UsageError that suggests the nearest names."""
    if exercise_id in catalogue:
        return catalogue[exercise_id]
    raise unknown_name("exercise", exercise_id, list(catalogue))


def detect_student(text: str) -> str | None:
    """The student id a personalised stub's marker line records, if any."""
    match = STUDENT_RE.search(text)
    return match.group(1) if match else None


def detect_exercise_id(text: str) -> str | None:
    """The exercise id named by a stub's marker line, if the text has one."""
    match = MARKER_RE.search(text)
    return match.group(1) if match else None
