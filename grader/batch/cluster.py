"""Grading a batch on a Ray cluster (``grader batch --cluster ADDRESS``): warm workers as actors.

The driver stays the single source of truth. A dispatcher thread reads each submission's bytes
when an actor has room for it (at most ``IN_FLIGHT`` per actor: the class is streamed, never
loaded whole) and ships plain data: the student's id, the file's name and its bytes. An actor
owns one warm Engine, as a local job does (the same sandbox and limits, a child per submission),
grades a temporary copy of the file and returns the report as plain data (``report_to_dict``).
The driver's main thread commits each result as locally (``run_batch``: one transaction each,
the same grading key, resume and outputs).

Every node needs the same grader, Python, TensorFlow and Keras, and the course at the same path
(the built-in lesson comes with the package). Each actor computes the grading key itself when it
connects; any difference from the driver's is a UsageError naming both sides.

Faults: an actor whose process or node dies costs the submissions it held: each goes to another
actor, ``ATTEMPTS`` tries in all, then is recorded as the grader's fault (CRASHED), never as the
student's. Dead actors are not replaced; when none is left the batch stops (what was committed
is kept, and a re-run resumes).

Ray is imported only here, and only once a batch with work to do starts on a cluster.

Runs in: the user's process (the driver) and, for ``GradingActor``, Ray worker processes on each
node; imports no TensorFlow or Keras (an actor's Engine runs TensorFlow in its own process).
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.batch.collect import Entry
from grader.batch.run import (
    BatchOptions,
    grading_key,
    installed_versions,
    no_submission_report,
    safe_name,
)
from grader.contract.limits import Limits
from grader.contract.results import Failure, FailureKind, Report
from grader.course.course import Course, lesson_root, load_course
from grader.course.exercise import Exercise, find_exercise, load_catalogue
from grader.course.submission import MAX_BYTES
from grader.errors import UsageError, WorkerError
from grader.grading.pipeline import Grader, failure_report
from grader.grading.policy import CourseSettings
from grader.report.json_writer import report_from_dict, report_to_dict
from grader.runner.client import Engine

ATTEMPTS = 3  # tries per submission when the actor grading it dies
IN_FLIGHT = 2  # submissions queued per actor: one graded, one ready to start


def node_versions() -> dict[str, str]:
    """What decides a result on this node, besides the exercise: the grader, Python, TensorFlow, Keras."""
    from grader import __version__

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return {"grader": __version__, "python": python, **dict(installed_versions())}


class GradingActor:
    """One warm Engine on a node (``ray.remote`` makes it an actor when a batch connects)."""

    def __init__(self, exercise_id: str, course_root: str | None, limits: Limits | None,
                 course: CourseSettings) -> None:
        self.exercise_id, self.course_root, self.limits, self.course = exercise_id, course_root, limits, course
        self.exercise: Exercise | None = None
        self.grader: Grader | None = None

    def hello(self) -> dict[str, Any]:
        """Start the Engine (TensorFlow takes seconds) and say what grades here."""
        course = load_course(Path(self.course_root)) if self.course_root else Course()
        self.exercise = find_exercise(self.exercise_id, load_catalogue(course))
        engine = Engine(warm_up=True, packages=self.course.packages)
        engine.start()
        self.grader = Grader(engine, self.limits, self.course.policy)
        return {"node": socket.gethostname(), "pid": os.getpid(), "versions": node_versions(),
                "key": grading_key(self.exercise, self.course, self.limits)}

    def grade(self, student: str, name: str, data: bytes) -> dict[str, Any]:
        """Grade one submission's bytes, handed in as ``name``; the report as plain data."""
        assert self.exercise is not None and self.grader is not None, "hello() first"
        with tempfile.TemporaryDirectory(prefix="grader-cluster-") as folder:
            path = Path(folder) / (safe_name(Path(name).stem) + Path(name).suffix)
            path.write_bytes(data)
            return report_to_dict(self.grader.grade_file(path, self.exercise, student=student))

    def close(self) -> None:
        if self.grader is not None:
            self.grader.engine.close()


@dataclass
class RayBackend:
    """Grades on the Ray cluster at ``address``, one actor per CPU (or ``actors`` of them)."""

    address: str
    actors: int | None = None
    actor_class: type = GradingActor  # what each actor is (benchmarks/bench_cluster.py times one that grades nothing)
    handles: list[Any] = field(default_factory=list)  # the actors, once started

    def start(self, todo: list[tuple[Entry, str]], exercise: Exercise, options: BatchOptions,
              results: queue.Queue, stop: threading.Event,
              ) -> tuple[list[threading.Thread], list[tuple[Entry, float] | None]]:
        if not todo:
            return [], []
        ray = import_ray()
        try:
            ray.init(address=self.address, logging_level=logging.WARNING, log_to_driver=False)
        except (ConnectionError, ValueError) as exc:
            raise UsageError(f"cannot connect to the Ray cluster at {self.address}: {exc}") from None
        try:
            self._connect(ray, exercise, options, len(todo))
        except BaseException:
            ray.shutdown()
            raise
        running: list[tuple[Entry, float] | None] = [None] * (IN_FLIGHT * len(self.handles))
        thread = threading.Thread(target=self._dispatch, args=(ray, todo, exercise, results, stop, running),
                                  daemon=True, name="grader-cluster")
        thread.start()
        return [thread], running

    def _connect(self, ray: Any, exercise: Exercise, options: BatchOptions, todo: int) -> None:
        """Start the actors and check that each grades as the driver would."""
        count = min(self.actors or max(1, int(ray.cluster_resources().get("CPU", 1))), todo)
        actor = ray.remote(num_cpus=1, max_restarts=0)(self.actor_class)
        root = None if exercise.root in (None, lesson_root()) else str(exercise.root)
        self.handles = [actor.options(scheduling_strategy="SPREAD").remote(
            exercise.id, root, options.limits, options.course) for _ in range(count)]
        try:
            hellos = ray.get([handle.hello.remote() for handle in self.handles])
        except ray.exceptions.RayTaskError as exc:
            raise exc.cause if isinstance(exc.cause, Exception) else exc from None
        except ray.exceptions.RayActorError as exc:
            raise WorkerError(f"a grading actor could not start on the cluster: {exc}") from None
        check_versions(hellos, node_versions(), grading_key(exercise, options.course, options.limits))

    def _dispatch(self, ray: Any, todo: list[tuple[Entry, str]], exercise: Exercise, results: queue.Queue,
                  stop: threading.Event, running: list[tuple[Entry, float] | None]) -> None:
        """Keep every actor busy, put each result (or the error that stops the batch) on ``results``."""
        pending = deque(Task(entry, sha) for entry, sha in todo)
        load = {n: 0 for n in range(len(self.handles))}  # in-flight submissions per live actor
        flying: dict[Any, Task] = {}  # by the reference to its result
        try:
            while (pending or flying) and not stop.is_set():
                self._submit(pending, load, flying, running, exercise, results)
                if not flying:
                    if pending:
                        raise WorkerError("every grading actor on the cluster has stopped; what was graded is "
                                          "kept, re-run the batch to grade the rest")
                    continue
                ready, _ = ray.wait(list(flying), num_returns=1, timeout=1.0)
                for ref in ready:
                    task = flying.pop(ref)
                    running[task.slot] = None
                    if task.actor in load:
                        load[task.actor] -= 1
                    report = self._outcome(ray, ref, exercise, task, load)
                    if report is None:
                        pending.appendleft(Task(task.entry, task.sha, task.attempt + 1))
                    elif not stop.is_set():
                        results.put((task.entry, task.sha, report))
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
            results.put(exc)
        finally:
            self._shut_down(ray, graceful=not stop.is_set())

    def _submit(self, pending: deque[Task], load: dict[int, int], flying: dict[Any, Task],
                running: list[tuple[Entry, float] | None], exercise: Exercise, results: queue.Queue) -> None:
        """Ship pending submissions to the least busy live actors while any has room (back-pressure)."""
        while pending and load and min(load.values()) < IN_FLIGHT:
            task = pending.popleft()
            if task.entry.path is None:
                results.put((task.entry, task.sha, no_submission_report(exercise, task.entry)))
                continue
            task.actor = min(load, key=load.__getitem__)
            task.slot = running.index(None)
            running[task.slot] = (task.entry, time.monotonic())
            data = _read(task.entry.path)
            flying[self.handles[task.actor].grade.remote(task.entry.student, task.entry.path.name, data)] = task
            load[task.actor] += 1

    def _outcome(self, ray: Any, ref: Any, exercise: Exercise, task: Task, load: dict[int, int]) -> Report | None:
        """The report a finished task brought back; None to try again elsewhere."""
        try:
            return report_from_dict(ray.get(ref), title=exercise.title)
        except ray.exceptions.RayTaskError as exc:  # the grader failed there, as it would here: stop
            raise exc.cause if isinstance(exc.cause, Exception) else exc from None
        except (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError, ray.exceptions.NodeDiedError,
                ray.exceptions.ObjectLostError) as exc:
            load.pop(task.actor, None)  # that actor is gone: it gets nothing more
            if task.attempt < ATTEMPTS and load:
                print(f"grader: a cluster actor stopped ({type(exc).__name__}) while it graded "
                      f"{task.entry.student}; retrying on another (try {task.attempt + 1} of {ATTEMPTS})",
                      file=sys.stderr)
                return None
            return grader_fault(exercise, task.entry, task.attempt, type(exc).__name__)

    def _shut_down(self, ray: Any, *, graceful: bool) -> None:
        """Stop each actor's worker (unless interrupted: then the actors die with the connection)."""
        try:
            if graceful:
                ray.wait([handle.close.remote() for handle in self.handles], num_returns=len(self.handles),
                         timeout=30)
        finally:
            ray.shutdown()


@dataclass
class Task:
    """One submission on its way to an actor: its ``attempt``-th try, on ``actor``, shown in ``slot``."""

    entry: Entry
    sha: str
    attempt: int = 1
    actor: int = -1
    slot: int = -1


def grader_fault(exercise: Exercise, entry: Entry, attempts: int, cause: str) -> Report:
    """The report of a submission whose grading worker died ``attempts`` times: the grader's fault."""
    return failure_report(exercise, entry.student, Failure(
        FailureKind.CRASHED, f"The grader failed, not your submission: the cluster worker grading it stopped "
        f"({cause}) {attempts} time{'s' if attempts > 1 else ''}, so it could not be graded. Ask for a regrade."))


def check_versions(hellos: list[dict[str, Any]], driver: dict[str, str], key: str) -> None:
    """A UsageError, naming both sides, if any actor would grade differently from the driver."""
    for hello in hellos:
        differ = [f"{name} {hello['versions'].get(name, 'missing')} (driver: {version})"
                  for name, version in driver.items() if hello["versions"].get(name) != version]
        if differ:
            raise UsageError(f"node {hello['node']} grades with {', '.join(differ)}; install the same versions "
                             f"on every node")
        if hello["key"] != key:
            raise UsageError(f"node {hello['node']} has a different definition of the exercise, its reference, "
                             f"or the course settings than the driver; every node needs the same course files")


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError("--cluster needs Ray: pip install 'keras-grader[cluster]'") from None
    return ray


def _read(path: Path) -> bytes:
    """The file's bytes, one past the largest submission at most (enough for the grader to say so)."""
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)
