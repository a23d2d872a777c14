"""Finding each student's submission in a folder or a .zip, without running anything.

Layouts: one file per student (``alice.py``, ``bob.ipynb``) or one folder per
student (``alice/compile_adam.py``). The student id is the file's stem or the
folder's name, or what the roster maps it to. Zips are extracted defensively:
no paths outside the target, no member larger than a submission may be, no
more members than a class could hand in.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.course.exercise import detect_exercise_id
from grader.course.submission import MAX_BYTES
from grader.errors import UsageError

SUFFIXES = (".py", ".ipynb")
MAX_MEMBERS = 20_000
IGNORED = re.compile(r"(^|/)(__MACOSX|\.[^/]*|__pycache__)(/|$)")


@dataclass(frozen=True)
class Entry:
    """One student's submission, or why there is none (``path`` None and ``problem`` set)."""

    student: str
    path: Path | None
    problem: str = ""
    missing: bool = False  # nothing was handed in (not: several candidate files, which needs a person)

    @property
    def sha256(self) -> str:
        if self.path is None:
            return "missing:" + hashlib.sha256(self.problem.encode()).hexdigest()
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def collect(source: Path, workdir: Path, exercise_id: str, roster: dict[str, str] | None = None) -> list[Entry]:
    """Every student's entry under ``source`` (a folder or a .zip), sorted by student id."""
    if not source.exists():
        raise UsageError(f"no such file or folder: {source}")
    if source.is_file():
        if source.suffix.lower() != ".zip":
            raise UsageError(f"{source} is neither a folder nor a .zip")
        source = extract_zip(source, workdir / "extracted")
    root = _single_top_folder(source)
    entries: dict[str, Entry] = {}
    for item in sorted(root.iterdir()):
        if IGNORED.search(item.name):
            continue
        if item.is_file() and item.suffix.lower() in SUFFIXES:
            key, path, problem = item.stem, item, ""
        elif item.is_dir():
            key = item.name
            path, problem = _pick(item, exercise_id)
        else:
            continue
        student = (roster or {}).get(key, (roster or {}).get(item.name, key))
        if student in entries:
            entries[student] = Entry(student, None, f"more than one submission for {student}: "
                                     f"{entries[student].path and entries[student].path.name} and {item.name}")
            continue
        entries[student] = Entry(student, path, problem, missing=path is None and problem == EMPTY_FOLDER)
    for student in sorted(set((roster or {}).values()) - set(entries)):
        entries[student] = Entry(student, None, "no submission was found for this student", missing=True)
    return [entries[key] for key in sorted(entries)]


EMPTY_FOLDER = "the student's folder holds no .py or .ipynb file"


def _pick(folder: Path, exercise_id: str) -> tuple[Path | None, str]:
    """The one submission file in a student's folder; prefers the one marked for the exercise."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                   and not IGNORED.search(str(p.relative_to(folder))))
    if len(files) == 1:
        return files[0], ""
    marked = [p for p in files if detect_exercise_id(_head(p)) == exercise_id]
    if len(marked) == 1:
        return marked[0], ""
    if not files:
        return None, EMPTY_FOLDER
    names = ", ".join(p.name for p in (marked or files)[:5])
    return None, f"the student's folder holds several candidate files ({names}); keep one"


def _head(path: Path) -> str:
    with open(path, "rb") as handle:
        return handle.read(200_000).decode("utf-8", errors="replace")


def _single_top_folder(root: Path) -> Path:
    """Zips often wrap everything in one folder (``class/alice.py``): look inside such a wrapper.

    A lone folder holding a single file is one student's folder, not a wrapper.
    """
    children = [p for p in root.iterdir() if not IGNORED.search(p.name)]
    if len(children) == 1 and children[0].is_dir():
        inner = [p for p in children[0].iterdir() if not IGNORED.search(p.name)]
        if len(inner) >= 2 or any(p.is_dir() for p in inner):
            return children[0]
    return root


def extract_zip(archive: Path, target: Path) -> Path:
    """Extract the submission files of ``archive`` into ``target`` safely; return ``target``."""
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"cannot read {archive} as a zip: {exc}") from None
    target.mkdir(parents=True, exist_ok=True)
    with bundle:
        members = [m for m in bundle.infolist() if not m.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise UsageError(f"{archive} has {len(members):,} files; at most {MAX_MEMBERS:,} are read")
        for member in members:
            name = PurePosixPath(member.filename.replace("\\", "/"))
            if name.is_absolute() or ".." in name.parts or IGNORED.search(str(name)):
                continue
            if name.suffix.lower() not in SUFFIXES:
                continue
            destination = target.joinpath(*name.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(member) as source, open(destination, "wb") as sink:
                # One byte past the limit is enough for the grader to say "too large".
                sink.write(source.read(MAX_BYTES + 1))
    return target


def read_roster(path: Path) -> dict[str, str]:
    """A CSV with columns ``file`` (a file or folder name, with or without its suffix) and ``student``."""
    roster: dict[str, str] = {}
    for row in _roster_rows(path, ("file", "student")):
        name, student = (row.get("file") or "").strip(), (row.get("student") or "").strip()
        if name and student:
            roster[name] = student
            roster[Path(name).stem] = student
    return roster


def roster_students(path: Path) -> list[str]:
    """The ids in a roster's ``student`` column, in order."""
    return [student for row in _roster_rows(path, ("student",)) if (student := (row.get("student") or "").strip())]


def _roster_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"cannot read the roster {path}: {exc}") from None
    if not rows or not set(columns) <= set(rows[0]):
        named = " and ".join(f"'{column}'" for column in columns)
        raise UsageError(f"the roster {path} needs a header with the column{'s' if len(columns) > 1 else ''} {named}")
    return rows
