"""Progress for long runs: a rich bar on a terminal, plain lines in logs and CI.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from grader.batch.collect import Entry
from grader.contract.results import Report


class Progress:
    """Counts, rate and ETA for a batch. Use as a context manager around the run."""

    def __init__(self, total: int, stream: TextIO = sys.stdout) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._last_line = 0.0
        self._bar = None
        self._task = None

    def __enter__(self) -> Progress:
        if self.stream.isatty():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                     TimeRemainingColumn())
            self._bar.__enter__()
            self._task = self._bar.add_task("grading", total=self.total, rate="")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc_info)

    def update(self, entry: Entry, report: Report | None, done: int, to_grade: int) -> None:
        if report is None:
            self.skipped += 1
        else:
            self.done = done
        finished = self.done + self.skipped
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 and self.done else 0.0
        left = self.total - finished
        eta = left / rate if rate else 0.0
        if self._bar is not None:
            self._bar.update(self._task, completed=finished, rate=f"{rate:.1f}/s")
            return
        now = time.monotonic()
        if finished == self.total or now - self._last_line >= 2.0 or finished <= 1:
            self._last_line = now
            self.stream.write(f"graded {finished}/{self.total} ({self.skipped} unchanged, skipped) "
                              f"{rate:.1f}/s, ETA {eta:.0f}s\n")
            self.stream.flush()
