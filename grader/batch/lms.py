"""Course grades in the CSV layouts learning-management systems import (``grader export``).

- ``csv``: the course gradebook (a row per student, a column per exercise, total).
- ``canvas``: Canvas's Gradebook import: identity columns ``Student, ID, SIS User ID, SIS Login ID,
  Section``, then one column per assignment (here, per exercise title), with a ``Points Possible``
  row under the header as Canvas's own export has. Canvas matches rows on its ID or SIS columns.
- ``moodle``: Moodle's "Import grades from CSV": identity columns as Moodle's own export names them
  (``First name``, ``Last name``, ``ID number``, ``Email address``, ``Username``), then one column per
  exercise; at import the instructor maps an identity column to the user field and each exercise
  column to a grade item.

The identity columns come from a roster CSV (``--roster``) that has a ``student`` column holding the
grader's ids; columns of it named as above (any case) are copied. Without one, the grader's ids stand
in (as Canvas's SIS Login ID, Moodle's Username). A missing submission is an empty cell, which both
systems import as "no grade" rather than zero; an error is the points it got (0).

Runs in: the user's process (the `grader export` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO

from grader.batch.class_report import csv_safe
from grader.batch.course_book import CourseBook, points_cell, write_course_csv
from grader.errors import UsageError

CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_IDENTITY = ("First name", "Last name", "ID number", "Email address", "Username")


@dataclass(frozen=True)
class Roster:
    """Per student id: the roster's other columns, by lower-cased header."""

    people: dict[str, dict[str, str]]
    order: list[str]  # the roster's order of students

    def value(self, student: str, column: str) -> str:
        return self.people.get(student, {}).get(column.lower(), "")

    def has(self, column: str) -> bool:
        return any(column.lower() in person for person in self.people.values())


def read_lms_roster(path: Path) -> Roster:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            headers = {name.strip().lower(): name for name in reader.fieldnames or []}
            if "student" not in headers:
                raise UsageError(f"{path}: a roster needs a 'student' column (the ids the grader uses); "
                                 f"found {', '.join(reader.fieldnames or []) or 'no header'}")
            people: dict[str, dict[str, str]] = {}
            for record in reader:
                student = (record.get(headers["student"]) or "").strip()
                if student:
                    people[student] = {key: (record.get(name) or "").strip() for key, name in headers.items()}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"cannot read the roster {path}: {exc}") from None
    return Roster(people, list(people))


def _students(book: CourseBook, roster: Roster | None) -> list[str]:
    """The roster's students in its order, then any graded student it lacks."""
    if roster is None:
        return book.students
    return roster.order + [student for student in book.students if student not in roster.people]


def write_canvas(book: CourseBook, roster: Roster | None, stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow([*CANVAS_IDENTITY, *(c.title for c in book.columns)])
    writer.writerow(["Points Possible", "", "", "", "", *(points_cell(c.max_score) for c in book.columns)])
    for student in _students(book, roster):
        if roster is not None and student in roster.people:
            identity = [csv_safe(roster.value(student, column) or (student if column == "Student" else ""))
                        for column in CANVAS_IDENTITY]
        else:
            identity = [csv_safe(student), "", "", csv_safe(student), ""]
        writer.writerow([*identity, *(points_cell(book.score(student, c.id)) for c in book.columns)])


def write_moodle(book: CourseBook, roster: Roster | None, stream: TextIO) -> None:
    columns = [column for column in MOODLE_IDENTITY if roster is not None and roster.has(column)] or ["Username"]
    writer = csv.writer(stream)
    writer.writerow([*columns, *(c.title for c in book.columns)])
    for student in _students(book, roster):
        known = roster is not None and student in roster.people
        identity = [csv_safe(roster.value(student, column) if known else (student if column == "Username" else ""))
                    for column in columns]
        writer.writerow([*identity, *(points_cell(book.score(student, c.id)) for c in book.columns)])


def write_plain(book: CourseBook, roster: Roster | None, stream: TextIO) -> None:
    """The course gradebook as it is (the grader's ids: a roster adds nothing to it)."""
    del roster
    write_course_csv(book, stream)


EXPORTS: dict[str, Callable[[CourseBook, "Roster | None", TextIO], None]] = {
    "canvas": write_canvas,
    "moodle": write_moodle,
    "csv": write_plain,
}
