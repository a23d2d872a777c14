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
    PRIMARY KEY (student, exercise)
)
"""


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


class Gradebook:
    """A SQLite file of results. Use from one thread."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def is_current(self, student: str, exercise: str, sha256: str, grading_key: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM results WHERE student=? AND exercise=? AND sha256=? AND grading_key=?",
            (student, exercise, sha256, grading_key)).fetchone()
        return row is not None

    def record(self, *, student: str, sha256: str, grading_key: str, submission: str,
               report: dict[str, Any]) -> None:
        """Store one result in its own transaction (replacing an older one for the same student)."""
        error = report.get("error") or {}
        with self._db:  # BEGIN ... COMMIT
            self._db.execute(
                "INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (student, report["exercise"], sha256, grading_key, submission, report["status"],
                 float(report["score"]), float(report["max_score"]), error.get("kind"),
                 json.dumps(report), time.time()))

    def rows(self, exercise: str) -> Iterator[Row]:
        cursor = self._db.execute(
            "SELECT student, exercise, sha256, submission, status, score, max_score, error_kind, report "
            "FROM results WHERE exercise=? ORDER BY student", (exercise,))
        for student, exercise_id, sha256, submission, status, score, max_score, kind, report in cursor:
            yield Row(student, exercise_id, sha256, submission, status, score, max_score, kind, json.loads(report))

    def count(self, exercise: str) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results WHERE exercise=?", (exercise,)).fetchone()[0]
