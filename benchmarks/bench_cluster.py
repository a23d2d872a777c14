"""Benchmark: the same class graded locally and on a real Ray cluster, and where the driver limits it.

    python benchmarks/bench_cluster.py --n 60

It generates N submissions (as benchmarks/bench_batch.py does), grades them with ``run_batch``
in this process, first locally (``--jobs`` warm workers), then on a Ray cluster it starts on this
machine with ``ray start`` (a head and one worker node, ``--cpus-per-node`` each, one actor per
CPU), and prints:

- submissions/s for each (whole run, TensorFlow start included; and steady state, first result
  to last) and their ratio;
- the driver's own cost per submission on the cluster: this process's CPU time (every thread:
  reading, shipping through Ray, receiving, committing, writing each student's reports) from the
  first result to the last, split into reading and committing (each timed alone on the same
  files and reports) and the rest (Ray's client work);
- the driver's own limit, measured: ``--echo`` submissions through the same driver to actors that
  grade nothing (each answers at once with a canned report), submissions/s;
- the projected number of nodes at which the driver, not the workers, becomes the bottleneck:
  the driver's rate (measured with echo actors; and from its CPU cost, one core) over one node's
  steady-state rate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_batch import generate  # noqa: E402

from grader.batch.cluster import GradingActor, RayBackend, node_versions  # noqa: E402
from grader.batch.collect import collect  # noqa: E402
from grader.batch.gradebook import Gradebook  # noqa: E402
from grader.batch.run import BatchOptions, _record, grading_key, run_batch  # noqa: E402
from grader.contract.results import Failure, FailureKind  # noqa: E402
from grader.course.exercise import load_catalogue  # noqa: E402
from grader.grading.pipeline import failure_report  # noqa: E402
from grader.report.json_writer import report_from_dict, report_to_dict  # noqa: E402
from tests.test_cluster import LocalCluster  # noqa: E402


class EchoActor(GradingActor):
    """Grades nothing: answers at once with a canned report, so that only the driver's work is timed."""

    def hello(self) -> dict:
        self.exercise = load_catalogue(ROOT)[self.exercise_id]
        return {"node": "echo", "pid": os.getpid(), "versions": node_versions(),
                "key": grading_key(self.exercise, self.course, self.limits)}

    def grade(self, student: str, name: str, data: bytes) -> dict:
        return report_to_dict(failure_report(self.exercise, student, Failure(FailureKind.EXCEPTION, "Echo.")))


class Clock:
    """Wall and process CPU time at the first and the last result of a batch."""

    def __init__(self) -> None:
        self.marks: list[tuple[float, float]] = []

    def __call__(self, entry, report, done, total) -> None:
        if report is not None:
            self.marks.append((time.monotonic(), time.process_time()))

    def steady(self) -> tuple[float, float, int]:
        """(wall seconds, CPU seconds, results) between the first result and the last."""
        (wall0, cpu0), (wall1, cpu1) = self.marks[0], self.marks[-1]
        return wall1 - wall0, cpu1 - cpu0, len(self.marks) - 1

    def rate(self) -> float:
        """Steady-state results per second."""
        wall, _, done = self.steady()
        return done / wall


def grade(folder: Path, out: Path, options: BatchOptions, backend=None) -> tuple[float, Clock]:
    exercise = load_catalogue(ROOT)["compile-adam"]
    shutil.rmtree(out, ignore_errors=True)
    entries = collect(folder, out.parent / "work", exercise.id)
    clock = Clock()
    started = time.monotonic()
    summary = run_batch(entries, exercise, out, options, clock, backend=backend)
    seconds = time.monotonic() - started
    assert summary.graded == len(entries), summary
    return seconds, clock


def reading_and_committing(folder: Path, out: Path) -> tuple[float, float]:
    """CPU seconds per submission to read each file, and to commit each report and write its outputs."""
    exercise = load_catalogue(ROOT)["compile-adam"]
    files = sorted(folder.iterdir())
    started = time.process_time()
    for path in files:
        path.read_bytes()
    reading = (time.process_time() - started) / len(files)
    book = Gradebook(out / "gradebook.sqlite")
    rows = list(book.rows(exercise.id))
    book.close()
    entries = {entry.student: entry for entry in collect(folder, out.parent / "work", exercise.id)}
    copy = out.parent / "commit-only"
    shutil.rmtree(copy, ignore_errors=True)
    target = Gradebook(copy / "gradebook.sqlite")
    started = time.process_time()
    for row in rows:
        _record(target, copy, entries[row.student], row.sha256, "key", report_from_dict(row.report, title=exercise.title))
    committing = (time.process_time() - started) / len(rows)
    target.close()
    return reading, committing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=60, help="class size (default 60)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="local warm workers (default: cores)")
    parser.add_argument("--cpus-per-node", type=int, default=1, help="CPUs (actors) of each Ray node (default 1)")
    parser.add_argument("--echo", type=int, default=1000, help="submissions for the driver-only run (default 1000)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="grader-bench-cluster-"))
    options = BatchOptions(jobs=args.jobs)
    try:
        generate(args.n, work / "class")
        print(f"machine: {os.cpu_count()} cores; class: {args.n} submissions; local jobs: {args.jobs}; "
              f"cluster: head + 1 worker node, {args.cpus_per_node} CPU(s) each")
        local_seconds, local_clock = grade(work / "class", work / "local" / "out", options)
        cluster = LocalCluster(work / "ray", cpus=args.cpus_per_node)
        try:
            ray_seconds, ray_clock = grade(work / "class", work / "ray-run" / "out", options,
                                           RayBackend(cluster.address))
            generate(args.echo, work / "echo-class")
            _, echo_clock = grade(work / "echo-class", work / "echo-run" / "out", options,
                                  RayBackend(cluster.address, actor_class=EchoActor))
        finally:
            cluster.stop()
        report(args, local_seconds, local_clock, ray_seconds, ray_clock, work)
        driver_rate, per_node = echo_clock.rate(), ray_clock.rate() / 2
        print(f"driver alone (echo actors, {args.echo} submissions): {driver_rate:.0f} submissions/s, so the driver "
              f"becomes the bottleneck at about {driver_rate / per_node:.0f} nodes of {args.cpus_per_node} CPU "
              f"({driver_rate / local_clock.rate():.0f} nodes like this machine at its measured local rate)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, local_seconds: float, local_clock: Clock, ray_seconds: float,
           ray_clock: Clock, work: Path) -> None:
    local_rate, ray_rate = args.n / local_seconds, args.n / ray_seconds
    local_wall, _, local_done = local_clock.steady()
    ray_wall, ray_cpu, ray_done = ray_clock.steady()
    local_steady, ray_steady = local_done / local_wall, ray_done / ray_wall
    print(f"local:   {local_rate:.2f} submissions/s ({args.n} in {local_seconds:.1f} s); "
          f"steady state {local_steady:.2f}/s")
    print(f"cluster: {ray_rate:.2f} submissions/s ({args.n} in {ray_seconds:.1f} s, actors' TensorFlow start "
          f"included); steady state {ray_steady:.2f}/s")
    print(f"cluster/local: {ray_rate / local_rate:.2f}x (steady state {ray_steady / local_steady:.2f}x)")
    driver = ray_cpu / ray_done
    reading, committing = reading_and_committing(work / "class", work / "ray-run" / "out")
    print(f"driver cost per submission: {driver * 1000:.2f} ms CPU (reading {reading * 1000:.2f} ms, committing "
          f"and writing reports {committing * 1000:.2f} ms, shipping and receiving through Ray "
          f"{(driver - reading - committing) * 1000:.2f} ms)")
    per_node = ray_steady / 2
    print(f"driver capacity: {1 / driver:.0f} submissions/s on one core; one node ({args.cpus_per_node} CPU) "
          f"grades {per_node:.2f}/s, so the driver becomes the bottleneck at about {1 / driver / per_node:.0f} "
          f"such nodes ({1 / driver / local_steady:.0f} nodes like this {os.cpu_count()}-core machine)")


if __name__ == "__main__":
    main()
