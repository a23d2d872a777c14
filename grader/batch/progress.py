"""Progress for long runs: a rich bar on a terminal, plain lines in logs and CI.

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from grader.batch.collect import Entry
from grader.contract.results import Report

# A submission still running after this long is named in the progress (a hang is otherwise invisible).
SLOW_AFTER = 5.0


class Progress:
    """Counts, rate and ETA for a batch, and the submissions that take long. Use as a context
    manager around the run; ``update`` and ``waiting`` are run_batch's callbacks."""

    def __init__(self, total: int, stream: TextIO = sys.stdout) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._last_line = 0.0
        self._last_slow_line = 0.0
        self._said_starting = False
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
                                     TimeRemainingColumn(), TextColumn("{task.fields[slow]}"))
            self._bar.__enter__()
            self._task = self._bar.add_task("grading", total=self.total, rate="", slow="")
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
            self._bar.update(self._task, completed=finished, rate=f"{rate:.1f}/s", slow="")
            return
        now = time.monotonic()
        if finished == self.total or now - self._last_line >= 2.0 or finished <= 1:
            self._last_line = now
            self.stream.write(f"graded {finished}/{self.total} ({self.skipped} unchanged, skipped) "
                              f"{rate:.1f}/s, ETA {eta:.0f}s\n")
            self.stream.flush()

    def waiting(self, running: list[tuple[Entry, float]]) -> None:
        """Name the submissions that have been running for longer than ``SLOW_AFTER`` seconds."""
        starting = not running and not self.done
        text = "starting TensorFlow workers (a few seconds)" if starting else slow_text(running, time.monotonic())
        if self._bar is not None:
            self._bar.update(self._task, slow=text)
            return
        now = time.monotonic()
        if starting and self._said_starting:
            return
        self._said_starting |= starting
        if text and now - self._last_slow_line >= 10.0:
            self._last_slow_line = now
            self.stream.write(f"{text}...\n" if starting else f"still grading: {text}\n")
            self.stream.flush()


def slow_text(running: list[tuple[Entry, float]], now: float) -> str:
    """``alice (12 s), bob (7 s)``: the submissions running longer than ``SLOW_AFTER``, longest first."""
    slow = [(now - since, entry) for entry, since in running if now - since >= SLOW_AFTER]
    shown = [f"{entry.student} ({seconds:.0f} s)"
             for seconds, entry in sorted(slow, key=lambda item: -item[0])]
    return ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
