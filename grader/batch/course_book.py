"""One ``--out`` folder for a whole course: each exercise in its own folder, and a course gradebook.

Layout of ``OUT`` (everything but the SQLite file is rebuilt from it after every batch)::

    gradebook.sqlite        every result, one row per (student, exercise)
    gradebook.csv           one row per student, a column per exercise, the total
    index.html              the course: each exercise's summary, each student's scores
    <exercise>/index.html   the exercise's class summary, gradebook.csv and reports/

A student who handed nothing in for an exercise is "missing" there: an empty cell, left out of the
exercise's mean and counted apart. A submission that could not be graded is an error worth 0.

Runs in: the user's process (the `grader batch` and `grader export` commands); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from grader.batch.class_report import csv_safe
from grader.batch.gradebook import Gradebook, Row
from grader.batch.run import safe_name
from grader.course.exercise import Exercise
from grader.report.html_writer import render_page

GRADEBOOK = "gradebook.sqlite"


def exercise_folder(out: Path, exercise_id: str) -> Path:
    """Where one exercise's summary, gradebook.csv and reports go inside a course's ``out``."""
    return out / safe_name(exercise_id)


@dataclass(frozen=True)
class Column:
    """One exercise as a gradebook column (its title and points from the catalogue when it is still there)."""

    id: str
    title: str
    max_score: float
    folder: str  # relative to OUT


@dataclass
class CourseBook:
    """Every result in a course's SQLite gradebook, by student and by exercise."""

    columns: list[Column]
    rows: dict[str, dict[str, Row]] = field(default_factory=dict)  # student -> exercise id -> row

    @property
    def students(self) -> list[str]:
        return sorted(self.rows)

    @property
    def max_total(self) -> float:
        return sum(column.max_score for column in self.columns)

    def row(self, student: str, exercise_id: str) -> Row | None:
        return self.rows.get(student, {}).get(exercise_id)

    def score(self, student: str, exercise_id: str) -> float | None:
        """The student's points for the exercise; None when missing or never graded."""
        row = self.row(student, exercise_id)
        return None if row is None or row.status == "missing" else row.score

    def total(self, student: str) -> float:
        return round(sum(self.score(student, c.id) or 0.0 for c in self.columns), 6)

    def missing(self, student: str) -> list[str]:
        return [c.id for c in self.columns if self.score(student, c.id) is None]

    def exercise_summary(self, column: Column) -> dict[str, object]:
        rows = [r[column.id] for r in self.rows.values() if column.id in r]
        scores = [row.score for row in rows if row.status != "missing"]
        return {
            "column": column,
            "graded": len(scores),
            "mean": statistics.fmean(scores) if scores else None,
            "full_marks": sum(1 for row in rows if row.status == "passed"),
            "errors": sum(1 for row in rows if row.status == "error"),
            "missing": sum(1 for row in rows if row.status == "missing"),
        }


def load_book(gradebook: Gradebook, catalogue: dict[str, Exercise]) -> CourseBook:
    """The course as graded so far; exercises in catalogue order, then any no longer in it."""
    by_exercise = {exercise_id: list(gradebook.rows(exercise_id)) for exercise_id in gradebook.exercises()}
    order = [e for e in catalogue if e in by_exercise] + sorted(set(by_exercise) - set(catalogue))
    columns = []
    for exercise_id in order:
        known = catalogue.get(exercise_id)
        rows = by_exercise[exercise_id]
        columns.append(Column(
            id=exercise_id,
            title=known.title if known else exercise_id,
            max_score=known.max_score if known else max((row.max_score for row in rows), default=0.0),
            folder=safe_name(exercise_id)))
    book = CourseBook(columns)
    for rows in by_exercise.values():
        for row in rows:
            book.rows.setdefault(row.student, {})[row.exercise] = row
    return book


def write_course_outputs(out: Path, catalogue: dict[str, Exercise]) -> CourseBook:
    """``out/gradebook.csv`` and ``out/index.html``, from the SQLite gradebook as it is now."""
    gradebook = Gradebook(out / GRADEBOOK)
    try:
        book = load_book(gradebook, catalogue)
    finally:
        gradebook.close()
    with open(out / "gradebook.csv", "w", newline="", encoding="utf-8") as handle:
        write_course_csv(book, handle)
    page = render_page("course.html.j2", book=book, summaries=[book.exercise_summary(c) for c in book.columns],
                       file_names={student: safe_name(student) for student in book.students})
    (out / "index.html").write_text(page, encoding="utf-8")
    return book


def write_course_csv(book: CourseBook, stream: TextIO) -> None:
    """One row per student: each exercise's points (empty when missing), the total, and what is missing."""
    writer = csv.writer(stream)
    writer.writerow(["student", *(c.id for c in book.columns), "total", "max_total", "missing"])
    for student in book.students:
        cells = [points_cell(book.score(student, c.id)) for c in book.columns]
        writer.writerow([csv_safe(student), *cells, points_cell(book.total(student)),
                         points_cell(book.max_total), ";".join(book.missing(student))])


def points_cell(value: float | None) -> str:
    return "" if value is None else f"{round(value, 2):g}"
