"""Grading a whole class: warm engines in parallel, results committed one by one.

One thread per job owns one Engine (one TensorFlow import, a fresh sandboxed child
per submission). This thread alone writes: each result goes into the SQLite
gradebook in its own transaction and its reports are written at once, so a
kill at any moment loses at most the submissions still being graded. A re-run
skips what is already graded with the same content and grading key. Where the grading runs is
a Backend: ``LocalBackend`` (the threads above), or ``grader.batch.cluster.RayBackend`` (actors
on a Ray cluster, which this thread commits from the same way).

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import queue
import re
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from grader import __version__
from grader.batch.class_report import write_student_outputs
from grader.batch.collect import Entry
from grader.batch.gradebook import Gradebook
from grader.contract.limits import Limits
from grader.contract.results import Failure, FailureKind, Report, SubmissionRejected
from grader.course.exercise import Exercise
from grader.course.submission import load_source
from grader.grading.pipeline import Grader, failure_report
from grader.grading.policy import CourseSettings
from grader.report.json_writer import report_to_dict
from grader.runner.client import Engine


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs. Each field's ``help`` also feeds ``grader batch --help``."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1, metadata={
        "help": "submissions graded at once, one warm TensorFlow worker each"})
    limits: Limits | None = field(default=None, metadata={"help": "per-submission limits (default: the exercise's)"})
    course: CourseSettings = field(default_factory=CourseSettings, metadata={
        "help": "the course's integrity policy and grading environment (grader.toml)"})
    force: bool = field(default=False, metadata={
        "help": "regrade every submission, even those already graded with the same file and settings"})
    only: frozenset[str] = field(default=frozenset(), metadata={
        "help": "grade only these students (always regraded); the others' results are kept as they are"})


@dataclass
class BatchSummary:
    total: int = 0
    graded: int = 0
    skipped: int = 0
    elapsed: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False
    forced: int = 0  # graded again although nothing had changed (--force, --only)


# Called after each submission: (entry, report or None when skipped, done so far, total to grade).
ProgressCallback = Callable[[Entry, "Report | None", int, int], None]
# Called about once a second while nothing finishes: the submissions being graded, with their start times.
WaitCallback = Callable[[list[tuple[Entry, float]]], None]


def grading_key(exercise: Exercise, course: CourseSettings | None = None, limits: Limits | None = None) -> str:
    """What, besides the submission, decides a result: the grader, the Python, TensorFlow and Keras it
    grades with, the course's integrity policy and environment, the limits a submission runs under,
    and the exercise as defined now (its definition, reference solution and stub template)."""
    course = course or CourseSettings()
    limits = limits or Limits(timeout=exercise.timeout)
    digest = hashlib.sha256(__version__.encode())
    digest.update(repr((installed_versions(), sys.version_info[:2], course.policy.key(), course.packages,
                        sorted(dataclasses.asdict(limits).items()))).encode())
    for path in (exercise.directory / "exercise.toml", exercise.solution, exercise.template):
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:16]


def installed_versions() -> tuple[tuple[str, str], ...]:
    """The versions of what grades (read from the installed packages: TensorFlow is not imported here)."""
    import importlib.metadata

    found = []
    for name in ("tensorflow", "keras"):
        try:
            found.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            found.append((name, "missing"))
    return tuple(found)


def safe_name(student: str) -> str:
    """A file name for a student id that came from a file name or a roster (untrusted)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", student).strip("._") or "student"
    if cleaned != student:
        cleaned += "-" + hashlib.sha256(student.encode()).hexdigest()[:8]
    return cleaned[:120]


def run_batch(
    entries: list[Entry],
    exercise: Exercise,
    out: Path,
    options: BatchOptions,
    on_progress: ProgressCallback | None = None,
    on_wait: WaitCallback | None = None,
    *,
    gradebook_path: Path | None = None,
    backend: Backend | None = None,
) -> BatchSummary:
    """Grade ``entries`` into ``out`` (the exercise's folder; the gradebook is ``gradebook_path``,
    default ``out/gradebook.sqlite``) with ``backend`` (default: warm engines on this machine);
    returns what happened. Ctrl-C stops it cleanly."""
    started = time.monotonic()
    key = grading_key(exercise, options.course, options.limits)
    gradebook = Gradebook(gradebook_path or out / "gradebook.sqlite")
    if options.only:
        entries = [entry for entry in entries if entry.student in options.only]
    summary = BatchSummary(total=len(entries))
    try:
        todo: list[tuple[Entry, str]] = []
        for entry in entries:
            sha = entry.sha256
            current = gradebook.is_current(entry.student, exercise.id, sha, key)
            if current and not (options.force or options.only):
                summary.skipped += 1
                if on_progress:
                    on_progress(entry, None, 0, 0)
            else:
                summary.forced += current
                todo.append((entry, sha))
        results: queue.Queue[tuple[Entry, str, Report] | BaseException] = queue.Queue()
        stop = threading.Event()
        threads, running = (backend or LocalBackend()).start(todo, exercise, options, results, stop)
        try:
            for done in range(1, len(todo) + 1):
                item = _next_result(results, running, on_wait)
                if isinstance(item, BaseException):
                    raise item
                entry, sha, report = item
                _record(gradebook, out, entry, sha, key, report)
                summary.graded += 1
                summary.statuses[report.status] += 1
                if on_progress:
                    on_progress(entry, report, done, len(todo))
        except KeyboardInterrupt:
            summary.interrupted = True  # results after this point are never recorded
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
    finally:
        gradebook.close()
    summary.elapsed = time.monotonic() - started
    return summary


def _next_result(results: queue.Queue, running: list[tuple[Entry, float] | None],
                 on_wait: WaitCallback | None) -> tuple[Entry, str, Report] | BaseException:
    """The next result; while waiting for it, tells ``on_wait`` what is running about once a second."""
    while True:
        try:
            return results.get(timeout=1.0)
        except queue.Empty:
            if on_wait:
                on_wait(sorted((slot for slot in list(running) if slot), key=lambda item: item[1]))


class Backend(Protocol):
    """Where submissions are graded. ``start`` starts threads that put ``(entry, sha, report)`` for each
    item of ``todo`` (or an exception, which stops the batch) on ``results`` until ``stop`` is set, and
    returns them with the slots ``on_wait`` reads (what is being graded, since when)."""

    def start(self, todo: list[tuple[Entry, str]], exercise: Exercise, options: BatchOptions,
              results: queue.Queue, stop: threading.Event,
              ) -> tuple[list[threading.Thread], list[tuple[Entry, float] | None]]: ...


class LocalBackend:
    """This machine: a thread per job, each owning one warm Engine (``options.jobs`` of them)."""

    def start(self, todo: list[tuple[Entry, str]], exercise: Exercise, options: BatchOptions,
              results: queue.Queue, stop: threading.Event,
              ) -> tuple[list[threading.Thread], list[tuple[Entry, float] | None]]:
        tasks: queue.Queue[tuple[Entry, str]] = queue.Queue()
        for item in todo:
            tasks.put(item)
        jobs = min(max(1, options.jobs), len(todo))  # none when everything is unchanged
        # Slot n: what job n grades and since when (each job writes only its own slot).
        running: list[tuple[Entry, float] | None] = [None] * jobs
        threads = [threading.Thread(target=_work, args=(tasks, results, stop, exercise, options, running, n),
                                    daemon=True, name=f"grader-job-{n}")
                   for n in range(jobs)]
        for thread in threads:
            thread.start()
        return threads, running


def no_submission_report(exercise: Exercise, entry: Entry) -> Report:
    """The report of an entry without a file (``entry.path`` None): missing, or not one to pick."""
    kind = FailureKind.NO_SUBMISSION if entry.missing else FailureKind.INVALID_SUBMISSION
    return failure_report(exercise, entry.student, Failure(kind, entry.problem.capitalize() + "."))


def _work(tasks: queue.Queue[tuple[Entry, str]], results: queue.Queue, stop: threading.Event,
          exercise: Exercise, options: BatchOptions, running: list[tuple[Entry, float] | None], slot: int) -> None:
    try:
        with Engine(warm_up=True, packages=options.course.packages) as engine:
            grader = Grader(engine, options.limits, options.course.policy)
            engine.start()  # before the first submission's clock starts (see Progress.waiting)
            while not stop.is_set():
                try:
                    entry, sha = tasks.get_nowait()
                except queue.Empty:
                    return
                running[slot] = (entry, time.monotonic())
                if entry.path is None:
                    report = no_submission_report(exercise, entry)
                else:
                    report = grader.grade_file(entry.path, exercise, student=entry.student)
                running[slot] = None
                if not stop.is_set():
                    results.put((entry, sha, report))
    except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
        results.put(exc)


def submitted_code(path: Path | None) -> str:
    """The code a student handed in, as the grader read it (a notebook's code cells joined), for the
    class summary's similarity; "" when there is no file or it cannot be read as a submission."""
    if path is None:
        return ""
    try:
        source = load_source(path)
    except (OSError, SubmissionRejected):
        return ""
    return "\n\n".join(chunk.code for chunk in source.chunks)


def _record(gradebook: Gradebook, out: Path, entry: Entry, sha: str, key: str, report: Report) -> None:
    submission = entry.path.name if entry.path else ""
    data = report_to_dict(report)
    data["submission"] = submission  # not the temporary path the file was extracted to
    report = Report(**{**report.__dict__, "submission": submission})
    gradebook.record(student=entry.student, sha256=sha, grading_key=key, submission=submission, report=data,
                     source=submitted_code(entry.path))
    write_student_outputs(out, safe_name(entry.student), report, data, entry.student)
