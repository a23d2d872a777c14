"""The batch gradebook: one SQLite row per (student, exercise), committed as each result arrives.

A row remembers what was graded (the file's SHA-256) and how (``grading_key``: the grader
version, the exercise definition and its reference solution), so a re-run skips exactly the
submissions whose result would not change and regrades the rest. SQLite's transactions make a
kill at any moment leave either the old row or the new one, never half of either.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    student      TEXT NOT NULL,
    exercise     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    grading_key  TEXT NOT NULL,
    submission   TEXT NOT NULL,
    status       TEXT NOT NULL,
    score        REAL NOT NULL,
    max_score    REAL NOT NULL,
    error_kind   TEXT,
    report       TEXT NOT NULL,
    graded_at    REAL NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, exercise)
)
"""
# Columns added since the first schema, with their definitions: added to an older file on opening.
ADDED_COLUMNS = {"source": "TEXT NOT NULL DEFAULT ''"}


@dataclass(frozen=True)
class Row:
    student: str
    exercise: str
    sha256: str
    submission: str
    status: str
    score: float
    max_score: float
    error_kind: str | None
    report: dict[str, Any]
    source: str = ""  # the code handed in (a notebook's code cells, joined); "" when there was none


class Gradebook:
    """A SQLite file of results. Use from one thread."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)
        present = {row[1] for row in self._db.execute("PRAGMA table_info(results)")}
        for name, definition in ADDED_COLUMNS.items():
            if name not in present:
                self._db.execute(f"ALTER TABLE results ADD COLUMN {name} {definition}")

    def close(self) -> None:
        self._db.close()

    def is_current(self, student: str, exercise: str, sha256: str, grading_key: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM results WHERE student=? AND exercise=? AND sha256=? AND grading_key=?",
            (student, exercise, sha256, grading_key)).fetchone()
        return row is not None

    def record(self, *, student: str, sha256: str, grading_key: str, submission: str,
               report: dict[str, Any], source: str = "") -> None:
        """Store one result in its own transaction (replacing an older one for the same student)."""
        error = report.get("error") or {}
        with self._db:  # BEGIN ... COMMIT
            self._db.execute(
                "INSERT OR REPLACE INTO results (student, exercise, sha256, grading_key, submission, status, "
                "score, max_score, error_kind, report, graded_at, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (student, report["exercise"], sha256, grading_key, submission, report["status"],
                 float(report["score"]), float(report["max_score"]), error.get("kind"),
                 json.dumps(report), time.time(), source))

    def rows(self, exercise: str) -> Iterator[Row]:
        cursor = self._db.execute(
            "SELECT student, exercise, sha256, submission, status, score, max_score, error_kind, report, source "
            "FROM results WHERE exercise=? ORDER BY student", (exercise,))
        for student, exercise_id, sha256, submission, status, score, max_score, kind, report, source in cursor:
            yield Row(student, exercise_id, sha256, submission, status, score, max_score, kind, json.loads(report),
                      source)

    def count(self, exercise: str) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results WHERE exercise=?", (exercise,)).fetchone()[0]

    def exercises(self) -> list[str]:
        """The exercises this gradebook holds results for."""
        return [row[0] for row in self._db.execute("SELECT DISTINCT exercise FROM results ORDER BY exercise")]
