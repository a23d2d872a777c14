"""Writing course material: ``grader init`` makes a course folder; every writer leaves nothing
behind when it fails (``Created`` removes what it made, newest first).

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from grader.course.course import CONFIG_FILE, Course, lesson_root
from grader.errors import UsageError

COURSE_FOLDERS = ("exercises", "solutions", "templates")

CONFIG_TEXT = """\
# This course's settings, read by every `grader` command run in this folder or below it.
[course]
name = {name}
# List the built-in lesson's exercises (loss functions and optimizers in Keras) beside this course's.
lesson = {lesson}
# Folders holding one folder per exercise (its exercise.toml and rendered stubs), relative to this file.
exercises = ["exercises"]

[limits]
# Defaults for every exercise; an exercise.toml's timeout and the command line's --timeout and --memory win.
timeout = 60
memory = "4G"

[integrity]
# What each integrity detector's findings do: "refuse" withholds the score until you have looked,
# "flag" grades the submission and lists it for review. The defaults refuse only evidence that
# honest code cannot produce; `grader doctor` lists the detectors. For example:
# graph = "flag"

[environment]
# Modules every grading worker imports, for submissions to use (matplotlib and pandas always are).
packages = []
"""


class Created:
    """Files and folders made during a ``with`` block; all removed again if the block fails."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def folder(self, path: Path) -> Path:
        missing = [p for p in (path, *path.parents) if not p.exists()]
        with _writing(path):
            path.mkdir(parents=True, exist_ok=True)
        self.paths += reversed(missing)
        return path

    def file(self, path: Path, text: str) -> Path:
        if path.exists():
            raise UsageError(f"{path} already exists; not overwriting it")
        self.folder(path.parent)
        with _writing(path):
            path.write_text(text, encoding="utf-8")
        self.paths.append(path)
        return path

    def copy(self, source: Path, target: Path) -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                destination = target / path.relative_to(source)
                if destination.exists():
                    raise UsageError(f"{destination} already exists; not overwriting it")
                self.folder(destination.parent)
                with _writing(destination):
                    shutil.copyfile(path, destination)
                self.paths.append(destination)

    def __enter__(self) -> Created:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            return
        for path in reversed(self.paths):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A file system error while writing ``path`` as a usage error (a folder the user cannot write)."""
    try:
        yield
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def init_course(folder: Path, *, name: str | None = None, from_lesson: bool = False) -> list[Path]:
    """Make ``folder`` a course: grader.toml and empty exercises/, solutions/, templates/ (or the
    lesson's, to edit, with the built-in lesson then left out of the catalogue)."""
    folder = folder.expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    if (folder / CONFIG_FILE).exists():
        raise UsageError(f"{folder} is a course already: it has a {CONFIG_FILE}")
    lesson = lesson_root() if from_lesson else None
    with Created() as created:
        created.file(folder / CONFIG_FILE, CONFIG_TEXT.format(
            name=json.dumps(name or folder.name), lesson="false" if from_lesson else "true"))
        for sub in COURSE_FOLDERS:
            created.folder(folder / sub)
            if lesson is not None:
                created.copy(lesson / sub, folder / sub)
        if lesson is not None and (folder / "templates" / "report").is_dir():
            shutil.rmtree(folder / "templates" / "report")  # the grader's own pages, not course material
    return [folder / CONFIG_FILE, *(folder / sub for sub in COURSE_FOLDERS)]


def course_for_writing(course: Course) -> Path:
    """The folder new material goes into: a course folder, never the installed package."""
    if course.root is None:
        raise UsageError("no course here: run this inside a course folder (one with a grader.toml; "
                         "create one with `grader init DIR`), or pass --course DIR")
    package = Path(__file__).resolve().parents[1]
    if course.root.is_relative_to(package) or any(part in ("site-packages", "dist-packages")
                                                    for part in course.root.parts):
        raise UsageError(f"{course.root} is inside an installed package; create a course with `grader init DIR`")
    return course.root
