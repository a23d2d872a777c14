"""Where the exercises come from: the built-in lesson, and the course folder the user works in.

A course is a folder with a ``grader.toml``::

    [course]
    name = "Deep learning, spring term"
    lesson = true                  # list the built-in lesson's exercises beside the course's own
    exercises = ["exercises"]      # folders of exercise folders, relative to this file

    [limits]                       # defaults for every exercise (an exercise.toml or the
    timeout = 60                   # command line says otherwise)
    memory = "4G"

    [integrity]                    # and [environment]: read by grader.grading.policy
    graph = "flag"

Commands find it as git finds ``.git``: ``--course DIR`` (which sets ``GRADER_COURSE``) wins,
then ``$GRADER_COURSE``, then the nearest ``grader.toml`` in the working folder or above it.
Without one, the built-in lesson alone is the catalogue. The lesson lives in the repository's
top-level ``exercises/``, ``solutions/`` and ``templates/``; a wheel carries them as
``grader/lesson/`` (setup.py maps them there at build time).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader._compat import tomllib
from grader.errors import ExerciseError, UsageError

CONFIG_FILE = "grader.toml"
LEGACY_FILE = "course.toml"  # before grader.toml: [integrity] and [environment] only
COURSE_VARIABLE = "GRADER_COURSE"
SIZE_UNITS = {"K": 1024, "M": 1024**2, "G": 1024**3}


@dataclass(frozen=True)
class Course:
    """The course folder's settings; ``root`` is None when there is no course, only the lesson."""

    root: Path | None = None
    name: str = "Loss functions and optimizers in Keras"
    lesson: bool = True
    catalogues: tuple[Path, ...] = ()
    catalogues_named: bool = False  # grader.toml names them: a missing one is an error, not an empty list
    timeout: float | None = None
    memory: int | None = None

    @property
    def config(self) -> Path | None:
        """The file the settings came from, if any (grader.toml, or an older course.toml)."""
        if self.root is None:
            return None
        return next((self.root / name for name in (CONFIG_FILE, LEGACY_FILE) if (self.root / name).is_file()), None)

    @property
    def settings_root(self) -> Path:
        """The folder whose configuration the integrity policy and environment come from."""
        return self.root if self.root is not None else lesson_root()


def lesson_root() -> Path:
    """The built-in lesson: ``grader/lesson/`` in an installed wheel, the checkout in a source tree."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "lesson", package.parent):
        if (candidate / "templates" / "_stub.py.j2").is_file():
            return candidate
    raise ExerciseError(f"the built-in lesson is missing from this installation ({package}); reinstall "
                        "keras-grader")


def find_course(start: Path | None = None) -> Course:
    """The course the commands work in: ``$GRADER_COURSE``, else the nearest grader.toml up from
    ``start`` (the working folder), else no course (the lesson alone)."""
    configured = os.environ.get(COURSE_VARIABLE)
    if configured:
        return load_course(Path(configured), source=f"{COURSE_VARIABLE}={configured}")
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return load_course(folder)
    return Course()


def load_course(folder: Path, *, source: str = "") -> Course:
    """The course in ``folder``; a UsageError when it is no course folder at all."""
    folder = folder.expanduser().resolve()
    named = source or str(folder)
    if not folder.is_dir():
        raise UsageError(f"{named}: no such folder")
    path = folder / CONFIG_FILE
    if not path.is_file():
        if (folder / "exercises").is_dir():  # a course folder from before grader.toml
            return Course(root=folder, catalogues=(folder / "exercises",))
        raise UsageError(f"{named} is not a course folder: it has no {CONFIG_FILE}. Create one with "
                         f"`grader init {folder}`.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ExerciseError(f"cannot read {path}: {exc}", path=str(path)) from None
    table, limits = data.get("course", {}), data.get("limits", {})
    if not isinstance(table, dict) or not isinstance(limits, dict):
        raise ExerciseError(f"{path}: [course] and [limits] must be tables", path=str(path))
    catalogues = table.get("exercises", ["exercises"])
    if isinstance(catalogues, str):
        catalogues = [catalogues]
    checks: list[tuple[bool, str]] = [
        (isinstance(table.get("name", ""), str), "[course] name must be text"),
        (isinstance(table.get("lesson", True), bool), "[course] lesson must be true or false"),
        (isinstance(catalogues, list) and all(isinstance(c, str) and c for c in catalogues),
         "[course] exercises must be a list of folders"),
    ]
    for ok, message in checks:
        if not ok:
            raise ExerciseError(f"{path}: {message}", path=str(path))
    return Course(
        root=folder,
        name=table.get("name") or folder.name,
        lesson=table.get("lesson", True),
        catalogues=tuple(folder / c for c in catalogues),
        catalogues_named="exercises" in table,
        timeout=_positive(limits, "timeout", float, path),
        memory=_positive(limits, "memory", parse_size, path),
    )


def parse_size(value: Any) -> int:
    """A memory size as bytes: 4G, 512M, 2048K or a plain number of bytes."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip().upper().removesuffix("B")
    if text and text[-1] in SIZE_UNITS:
        return int(float(text[:-1]) * SIZE_UNITS[text[-1]])
    return int(text)


def _positive(table: dict[str, Any], key: str, convert: Any, path: Path) -> Any:
    if key not in table:
        return None
    try:
        value = convert(table[key])
    except (TypeError, ValueError):
        value = 0
    if isinstance(table[key], bool) or value <= 0:
        raise ExerciseError(f"{path}: [limits] {key} must be a positive number (a size like 4G for memory), "
                            f"not {table[key]!r}", path=str(path))
    return value
