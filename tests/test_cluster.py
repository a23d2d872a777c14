"""grader batch --cluster: a real Ray cluster (a head and a worker node, both on this machine) grades a
class as a local run does, and an actor or a node that dies mid-batch costs nothing but a retry.

Expected verdicts are a local run's of the same class; the examples' own scores are worked out in
tests/test_compile_adam.py.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

import pytest

from grader.batch.cluster import ATTEMPTS, IN_FLIGHT, RayBackend, check_versions
from grader.batch.collect import Entry
from grader.contract.results import Failure, FailureKind
from grader.errors import UsageError
from grader.grading.pipeline import failure_report
from grader.report.json_writer import report_to_dict
from tests.conftest import ROOT
from tests.test_layout import import_with_blocked

EXAMPLES = ROOT / "examples" / "compile-adam"
CLASS = {"ann": "correct.py", "ben": "one_hot_loss.py", "cat": "no_metrics.py", "dan": "wrong_optimizer.py",
         "eve": "narrow_hidden_layer.py", "fay": "correct.py", "gus": "syntax_error.py", "hal": "not_compiled.py"}
RAY = Path(sys.executable).parent / "ray"


def test_a_local_batch_and_the_cli_never_import_ray():
    result = import_with_blocked(("grader.batch", "grader.cli"), ("ray",))
    assert result.stdout.strip() == "imported", result.stderr[-2000:]


def test_a_node_with_other_versions_is_refused_naming_both():
    driver = {"grader": "0.2.0", "python": "3.11", "tensorflow": "2.21.0", "keras": "3.15.1"}
    node = {"node": "n7", "key": "k", "versions": {**driver, "keras": "3.14.0"}}
    with pytest.raises(UsageError, match=r"node n7 grades with keras 3\.14\.0 \(driver: 3\.15\.1\)"):
        check_versions([node], driver, "k")


def test_a_node_with_another_exercise_definition_is_refused():
    driver = {"grader": "0.2.0"}
    with pytest.raises(UsageError, match="different definition of the exercise"):
        check_versions([{"node": "n1", "key": "other", "versions": driver}], driver, "k")


class FakeRay:
    """The part of Ray the dispatcher uses: a task's reference is a function that returns its result."""

    class exceptions:  # noqa: N801 - shaped like ray.exceptions
        RayTaskError = type("RayTaskError", (Exception,), {})
        RayActorError = type("RayActorError", (Exception,), {})
        WorkerCrashedError = type("WorkerCrashedError", (Exception,), {})
        NodeDiedError = type("NodeDiedError", (Exception,), {})
        ObjectLostError = type("ObjectLostError", (Exception,), {})

    @staticmethod
    def wait(refs, num_returns=1, timeout=None):
        return refs[:num_returns], refs[num_returns:]

    @staticmethod
    def get(ref):
        return ref()

    @staticmethod
    def shutdown():
        pass


class FakeActor:
    """Grades anything, except that grading ``poison`` kills it (and every task it still holds)."""

    def __init__(self, exercise, poison: str) -> None:
        self.dead, self.graded = False, []
        actor = self

        class Method:
            def __init__(self, run):
                self.run = run

            def remote(self, *args):
                return lambda: self.run(*args)

        def grade(student, name, data):
            if actor.dead or student == poison:
                actor.dead = True
                raise FakeRay.exceptions.RayActorError("the actor died")
            actor.graded.append(student)
            return report_to_dict(failure_report(exercise, student, Failure(FailureKind.EXCEPTION, "graded")))

        self.grade, self.close = Method(grade), Method(lambda: None)


def test_a_submission_whose_actor_dies_is_retried_elsewhere_then_recorded_as_the_graders_fault(
        compile_adam, tmp_path):
    students = ["ann", "bob", "poison", "cat", "dan"]
    todo = []
    for student in students:
        (tmp_path / f"{student}.py").write_text("model = None\n")
        todo.append((Entry(student, tmp_path / f"{student}.py"), f"sha-{student}"))
    backend = RayBackend("fake")
    backend.handles = [FakeActor(compile_adam, "poison") for _ in range(4)]
    results: queue.Queue = queue.Queue()
    backend._dispatch(FakeRay, todo, compile_adam, results, threading.Event(), [None] * (IN_FLIGHT * 4))
    reports = {entry.student: report for entry, _, report in list(results.queue)}
    assert sorted(reports) == sorted(students) and results.qsize() == len(students)  # each once
    fault = reports.pop("poison")
    assert fault.error.kind == FailureKind.CRASHED and "grader failed, not your submission" in fault.error.message
    assert f"{ATTEMPTS} times" in fault.error.message
    assert [actor.dead for actor in backend.handles].count(True) == ATTEMPTS
    graded = [student for actor in backend.handles for student in actor.graded]
    assert sorted(graded) == sorted(reports)  # the others, each graded exactly once, by a live actor
    assert all(report.error.kind == FailureKind.EXCEPTION for report in reports.values())  # what the actor said


# --- a real cluster -------------------------------------------------------------------------------


class LocalCluster:
    """A Ray head and one worker node on this machine, each with its own temporary folder, so that
    each node's processes can be told apart and stopped by PID (``ray stop`` would stop every Ray on
    the machine)."""

    def __init__(self, base: Path, cpus: int = 1) -> None:
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        self.head_dir, self.worker_dir = base / "head", base / "node"
        common = [f"--num-cpus={cpus}", "--object-store-memory=100000000", "--disable-usage-stats"]
        self._ray("start", "--head", f"--port={self.port}", "--include-dashboard=false",
                  f"--ray-client-server-port={free_port()}", f"--dashboard-port={free_port()}",
                  f"--temp-dir={self.head_dir}", *common)
        self._ray("start", f"--address={self.address}", f"--temp-dir={self.worker_dir}", *common)

    def _ray(self, *args: str) -> None:
        env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
        subprocess.run([str(RAY), *args], check=True, capture_output=True, timeout=120, env=env)

    def raylet(self, folder: Path) -> int:
        return next(pid for pid in processes_naming(str(folder)) if "raylet/raylet" in cmdline(pid))

    def stop(self) -> None:
        # Ray's client server names the head's port, not its folder.
        pids = processes_naming(str(self.head_dir), str(self.worker_dir), f":{self.port} ")
        for pid in descendants(pids):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def processes_naming(*words: str) -> list[int]:
    """The processes (other than this one) whose command line holds any of ``words``."""
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit() and int(entry) != os.getpid()
            and any(word in cmdline(int(entry)) + " " for word in words)]


def descendants(roots: list[int]) -> list[int]:
    """``roots`` and every process under them (Ray's workers and each actor's TensorFlow worker)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    family, frontier = set(roots), list(roots)
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier and pid not in family]
        family.update(frontier)
    return sorted(family)


def grading_actors() -> list[int]:
    """The PIDs of the batch's actors (Ray titles an actor's process ``ray::GradingActor``)."""
    return [int(entry) for entry in os.listdir("/proc")
            if entry.isdigit() and cmdline(int(entry)).startswith("ray::GradingActor")]


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("ray")
    # A short folder of its own: Ray's socket paths under it must fit a Unix socket's 107 bytes,
    # which pytest's temporary folders under xdist (.../popen-gw0/...) do not leave room for.
    base = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
    running = LocalCluster(base)
    yield running
    running.stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    for student, example in CLASS.items():
        (folder / f"{student}.py").write_text((EXAMPLES / example).read_text() + f"# {student}\n")
    local = tmp_path_factory.mktemp("local") / "out"
    result = batch(folder, local, "--jobs", "2")
    assert result.returncode == 1, result.stderr
    return folder, rows(local)


def batch(source: Path, out: Path, *extra: str, wait: bool = True) -> subprocess.CompletedProcess[str] | subprocess.Popen:
    command = [sys.executable, "-m", "grader", "batch", str(source), "--exercise", "compile-adam", "--out", str(out),
               "--timeout", "20", *extra]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def rows(out: Path) -> list[tuple[str, float, str]]:
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return db.execute("SELECT student, score, status FROM results ORDER BY student").fetchall()


def committed(out: Path) -> int:
    try:
        with sqlite3.connect(out / "gradebook.sqlite") as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def kill_mid_batch(address: str, source: Path, out: Path, victims: Callable[[], list[int]]) -> tuple[str, str]:
    """Run a batch on the cluster; once a first result is committed, SIGKILL the PIDs ``victims()`` names."""
    process = batch(source, out, "--cluster", address, wait=False)
    deadline = time.monotonic() + 180
    while committed(out) < 1 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    killed = victims()
    assert killed and committed(out) < len(CLASS), "too late: the batch was over"
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    return process.communicate(timeout=300)


@pytest.mark.slow
def test_a_class_graded_on_the_cluster_has_the_rows_of_a_local_run(cluster, course, tmp_path):
    source, local = course
    result = batch(source, tmp_path / "out", "--cluster", cluster.address)
    assert rows(tmp_path / "out") == local, result.stdout + result.stderr
    assert f"{len(CLASS)} graded, 0 unchanged" in result.stdout
    again = batch(source, tmp_path / "out", "--cluster", cluster.address)  # resumes: nothing to grade
    assert f"0 graded, {len(CLASS)} unchanged" in again.stdout, again.stdout + again.stderr


@pytest.mark.slow
def test_an_actor_killed_mid_batch_costs_only_a_retry(cluster, course, tmp_path):
    source, local = course
    stdout, stderr = kill_mid_batch(cluster.address, source, tmp_path / "out", lambda: grading_actors()[:1])
    assert rows(tmp_path / "out") == local, stdout + stderr
    assert f"{len(CLASS)} graded" in stdout and "retrying on another" in stderr, stdout + stderr


@pytest.mark.slow
def test_a_worker_node_killed_mid_batch_costs_only_a_retry(cluster, course, tmp_path):
    source, local = course
    # The node's raylet and everything under it (its Ray workers, the actor, the actor's TensorFlow worker).
    stdout, stderr = kill_mid_batch(cluster.address, source, tmp_path / "out",
                                    lambda: descendants([cluster.raylet(cluster.worker_dir)]))
    assert rows(tmp_path / "out") == local, stdout + stderr
    assert f"{len(CLASS)} graded" in stdout and "retrying on another" in stderr, stdout + stderr
