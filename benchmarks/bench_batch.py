"""Benchmark: grading a class with `grader batch` against a fresh interpreter per submission.

    python benchmarks/bench_batch.py --n 200                  # the issue's comparison
    python benchmarks/bench_batch.py --memory-sizes 50,1000   # peak memory, small vs large class

It generates N realistic submissions (correct ones in several coding styles and the
common mistakes, each student's file a little different, some handed in twice) and
prints, for the same machine and run:

(a) a fresh Python interpreter per submission (`grader check`, `--jobs` at a time): the
    cost model of a kernel or a container per submission; measured on a sample of the
    class (`--baseline-sample`), since its rate does not depend on the class size;
(b) `grader batch` on all N;
the floor: building and compiling the reference model N times in one warm interpreter (and,
stricter, with the eager setting the grader gives its children, which makes that work cheaper too);
and the peak memory (summed PSS of the whole process tree) of (b), taken in a second
run of (b) because sampling it costs CPU the timed run should not pay.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# grader: exercise=compile-adam\n"

STYLES = {
    "lesson": """from tensorflow.keras import layers, models
{name} = models.Sequential()
{name}.add(layers.Dense({units}, activation='{hidden}', input_shape=(64,)))
{name}.add(layers.Dense(10, activation='{output}'))
{name}.compile(optimizer={optimizer}, loss={loss}, metrics={metrics})
""",
    "keras-list": """import keras
{name} = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense({units}, activation="{hidden}"),
    keras.layers.Dense(10, activation="{output}"),
])
{name}.compile(optimizer={optimizer}, loss={loss}, metrics={metrics})
""",
    "functional": """import tensorflow as tf
inputs = tf.keras.Input(shape=(64,))
x = tf.keras.layers.Dense({units}, activation="{hidden}")(inputs)
outputs = tf.keras.layers.Dense(10, activation="{output}")(x)
{name} = tf.keras.Model(inputs, outputs)
{name}.compile(optimizer={optimizer}, loss={loss}, metrics={metrics})
""",
}

RIGHT = {"units": 512, "hidden": "relu", "output": "softmax", "optimizer": "'adam'",
         "loss": "'sparse_categorical_crossentropy'", "metrics": "['accuracy']"}
MISTAKES = [
    {"optimizer": "'sgd'"},
    {"loss": "'categorical_crossentropy'"},
    {"metrics": "[]"},
    {"units": 256},
    {"hidden": "sigmoid"},
    {"loss": "'mse'"},
]


def generate(n: int, folder: Path, seed: int = 7) -> None:
    """N submissions: about 60 % correct, the rest common mistakes; one in ten copies a classmate."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for index in range(n):
        if written and rng.random() < 0.1:
            code = rng.choice(written)
        else:
            settings = dict(RIGHT)
            if rng.random() >= 0.6:
                settings.update(rng.choice(MISTAKES))
            style = rng.choice(list(STYLES))
            code = HEADER + f"# student {index}\n" + STYLES[style].format(name="model", **settings)
            written.append(code)
        (folder / f"student{index:04d}.py").write_text(code)


def tree_pss(root: int) -> int:
    """Summed proportional set size (bytes) of ``root`` and all its descendants."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    family, frontier = {root}, [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier and pid not in family]
        family.update(frontier)
    total = 0
    for pid in family:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def run_measured(command: list[str], *, memory: bool) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Wall time and, with ``memory``, peak tree PSS of a command. Sampling PSS walks every
    process's page tables (tens of ms a time on a 2-core machine), so timed runs go without it."""
    peak = 0
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss(process.pid))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    stdout, stderr = process.communicate()
    done.set()
    if memory:
        sampler.join()
    return time.monotonic() - started, peak, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def baseline(files: list[Path], jobs: int) -> float:
    """Seconds to grade ``files`` with a fresh interpreter each, ``jobs`` at a time."""
    def one(path: Path) -> None:
        result = subprocess.run([sys.executable, "-m", "grader", "check", str(path), "--format", "json"],
                                capture_output=True, text=True, cwd=ROOT)
        json.loads(result.stdout)  # each must have produced a real report

    started = time.monotonic()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, files))
    return time.monotonic() - started


def floor(n: int, *, tuned: bool = False) -> float:
    """Seconds per build-and-compile of the reference model in one warm interpreter; ``tuned``
    with the eager setting the grader's worker gives its children (grader.runner.warmup)."""
    code = f"""
import os, time, warnings
os.environ.update(TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", TF_ENABLE_ONEDNN_OPTS="0")
warnings.filterwarnings("ignore")
if {tuned}:
    from grader.runner.warmup import prepare_tensorflow
    prepare_tensorflow()
from tensorflow.keras import layers, models
def build():
    model = models.Sequential()
    model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
build()
started = time.perf_counter()
for _ in range({n}):
    build()
print((time.perf_counter() - started) / {n})
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return float(result.stdout.strip().splitlines()[-1])


def batch(folder: Path, out: Path, jobs: int, *, memory: bool = False) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    seconds, peak, result = run_measured([sys.executable, "-m", "grader", "batch", str(folder), "--exercise",
                                          "compile-adam", "--out", str(out), "--jobs", str(jobs)], memory=memory)
    if result.returncode not in (0, 1):
        raise SystemExit(f"grader batch failed ({result.returncode}):\n{result.stderr}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="class size for the comparison (default 200)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallelism for (a) and (b)")
    parser.add_argument("--baseline-sample", type=int, default=24,
                        help="submissions graded by (a); its rate is per submission (default 24)")
    parser.add_argument("--memory-sizes", default="", help="e.g. 50,1000: only compare peak memory across sizes")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="grader-bench-"))
    try:
        if args.memory_sizes:
            for size in (int(s) for s in args.memory_sizes.split(",")):
                generate(size, work / f"class{size}")
                seconds, peak = batch(work / f"class{size}", work / f"out{size}", args.jobs, memory=True)
                print(f"N={size:5d}: {seconds:6.1f} s, {size / seconds:5.1f} submissions/s, "
                      f"peak memory {peak / 2**20:7.0f} MiB")
            return
        generate(args.n, work / "class")
        files = sorted((work / "class").iterdir())
        sample = files[: min(args.baseline_sample, len(files))]
        print(f"machine: {os.cpu_count()} cores; class: {args.n} submissions; jobs: {args.jobs}")
        a_seconds = baseline(sample, args.jobs)
        a_rate = len(sample) / a_seconds
        print(f"(a) fresh interpreter per submission: {a_rate:.3f} submissions/s "
              f"({len(sample)} graded in {a_seconds:.1f} s; {a_seconds / len(sample):.2f} s each)")
        b_seconds, _ = batch(work / "class", work / "out", args.jobs)
        _, peak = batch(work / "class", work / "out", args.jobs, memory=True)  # the same run, sampled
        b_rate = args.n / b_seconds
        print(f"(b) grader batch: {b_rate:.2f} submissions/s ({args.n} graded in {b_seconds:.1f} s, "
              f"TensorFlow start included); peak memory {peak / 2**20:.0f} MiB (in a second, sampled run)")
        print(f"b/a: {b_rate / a_rate:.1f}x")
        floor_seconds, tuned_seconds = floor(args.n), floor(args.n, tuned=True)
        per_submission = b_seconds / args.n
        print(f"floor: {floor_seconds * 1000:.1f} ms per build+compile in a warm interpreter; "
              f"(b) per submission: {per_submission * 1000:.1f} ms = {per_submission / floor_seconds:.1f}x the floor")
        print(f"  stricter: {tuned_seconds * 1000:.1f} ms per build+compile with the eager setting the worker "
              f"gives its children; (b) = {per_submission / tuned_seconds:.1f}x that")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
