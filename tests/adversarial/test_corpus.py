"""The adversarial corpus: hostile and broken submissions, each with the verdict it must get.

Each case in ``cases/<attack family>/`` starts with header lines (or has a ``.expect`` sidecar):

    # adversarial: what the submission tries
    # expect-status: error | failed | passed
    # expect-kind: an error kind, or none
    # expect-max-score: the most this submission's real model deserves
    # expect-findings: the integrity detectors whose evidence it must carry (optional; default none)

The safety property: no case gets more than its real model deserves unless an integrity finding
lists it for the instructor's review (under the default policy, ``grader.grading.policy``): a case whose
description is graded while its model differs carries that detector's finding, with its evidence,
and its expected score is the description's. A case that probes the sandbox's walls prints a line
starting with ``ESCAPED:`` whenever one gives way.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from grader.contract.limits import Limits
from grader.grading.pipeline import Grader

CASES = Path(__file__).parent / "cases"
HEADER_RE = re.compile(r"^# (adversarial|expect-status|expect-kind|expect-max-score|expect-findings):\s*(.*?)\s*$",
                       re.MULTILINE)
# A case meant to run forever is stopped after 3 s, so the suite stays quick; every other case has
# room to train under load (several take 2-5 s), so that a busy machine cannot flip its verdict.
LIMITS = Limits(timeout=30.0, memory=1024**3)
ENDLESS_LIMITS = Limits(timeout=3.0, memory=1024**3)
MARGIN = 20.0  # seconds beyond the timeout that one grading may take, worker round trip included

# Under pytest-xdist the whole corpus runs in one test process, in order, so that the check that no
# process survives comes after every case and sees the worker that graded them.
pytestmark = pytest.mark.xdist_group("corpus")


def expectations(path: Path) -> dict[str, str]:
    sidecar = path.with_suffix(".expect")
    text = sidecar.read_text() if sidecar.exists() else path.read_bytes()[:4000].decode("latin-1")
    return dict(HEADER_RE.findall(text))


# The attack families, one folder each (docs/security.md says what each family tries).
FAMILIES = ("sandbox-walls", "resources", "exits-and-threads", "forged-result", "replaced-code", "lying-objects",
            "model-state", "training-settings", "not-gradable")


def case_paths() -> list[Path]:
    return sorted(p for p in CASES.glob("*/*") if p.suffix != ".expect" and not p.name.startswith("."))


def all_pids() -> set[int]:
    return {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}


def process(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, command line), or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, IndexError):
        return None
    return int(stat[1]), stat[0], cmdline


def namespace_pid(pid: int) -> int | None:
    """The PID a process has in its innermost namespace (the last NSpid field)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("NSpid:"):
                return int(line.split()[-1])
    except OSError:
        pass
    return None


def descendants(root: int) -> list[int]:
    parents = {pid: info[0] for pid in all_pids() if (info := process(pid)) and info[1] != "Z"}
    found, frontier = [], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


@pytest.fixture(scope="module")
def pids_before(engine) -> set[int]:
    engine.start()
    return all_pids()


@pytest.fixture(scope="module")
def hostile_graders(engine) -> dict[bool, Grader]:
    """By whether the case is expected to time out."""
    return {False: Grader(engine, LIMITS), True: Grader(engine, ENDLESS_LIMITS)}


@pytest.mark.parametrize("path", case_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_gets_its_expected_verdict(path, hostile_graders, compile_adam, pids_before):
    expected = expectations(path)
    assert {"adversarial", "expect-status", "expect-kind", "expect-max-score"} <= set(expected), path
    grader = hostile_graders[expected["expect-kind"] == "timeout"]
    started = time.monotonic()
    report = grader.grade_file(path, compile_adam)
    elapsed = time.monotonic() - started
    summary = (report.status, report.error and report.error.kind, report.score,
               report.error and report.error.message)
    assert report.score <= float(expected["expect-max-score"]), summary
    assert "ESCAPED:" not in report.output, report.output
    assert report.status == expected["expect-status"], summary
    kind = None if expected["expect-kind"] == "none" else expected["expect-kind"]
    assert (report.error.kind if report.error else None) == kind, summary
    wanted = expected.get("expect-findings", "none")
    wanted = set() if wanted == "none" else {name.strip() for name in wanted.split(",")}
    assert {finding.kind for finding in report.findings} == wanted, (summary, report.findings)
    assert all(finding.evidence for finding in report.findings)
    assert elapsed < grader.limits.timeout + MARGIN


def test_every_case_sits_in_the_folder_of_its_attack_family():
    assert sorted(folder.name for folder in CASES.iterdir() if folder.is_dir()) == sorted(FAMILIES)
    assert [path.name for path in CASES.iterdir() if path.is_file()] == []
    assert len(case_paths()) == 190


def test_no_process_started_by_a_submission_survives(pids_before, engine):
    """Everything a submission starts descends from the worker (the init of its namespace, below
    the engine's launcher) unless it escaped to the host's init; after the corpus, neither kind may
    be left: below the launcher there is the worker and nothing else."""
    time.sleep(0.2)
    describer = engine.status().describer_pid
    below_launcher = [pid for pid in descendants(engine.pid) if namespace_pid(pid) != describer]
    assert len(below_launcher) == 1, [process(pid) for pid in below_launcher]  # the worker itself
    worker = below_launcher[0]
    assert [pid for pid in descendants(worker) if namespace_pid(pid) != describer] == []
    escaped = [(pid, info[2]) for pid in all_pids() - pids_before
               if (info := process(pid)) and info[0] == 1 and info[1] != "Z" and "grader.runner.worker" in info[2]]
    assert escaped == []


def test_descendants_sees_grandchildren():
    import signal
    import subprocess

    shell = subprocess.Popen(["sh", "-c", "sleep 30 & wait"], start_new_session=True)
    try:
        deadline = time.monotonic() + 5
        while len(descendants(os.getpid())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(descendants(os.getpid())) >= 2  # the shell and its sleep
    finally:
        os.killpg(shell.pid, signal.SIGKILL)
        shell.wait()


FORGED_STATE = ('"weight_state": [weight_state(w) for w in ref.weights]',
                '"weight_values": [weight_values(w) for w in ref.weights], "preprocessing": []',
                '"layer_state": model_layer_states(ref)')


def test_forged_results_in_the_corpus_would_be_accepted_if_they_got_through():
    """The cases that forge a result (the reference model's export) must forge one the describer
    accepts, or they would pass because the forgery is stale rather than because it is stopped
    (the export gained weight dtypes, layer state and weight values after most were written).
    Each builds the same payload as this test, with the same three lines, which the describer's
    integrity detector (layer-state) must find nothing in."""
    import json

    import keras

    from grader.child.export import weight_values
    from grader.describer.describe import describe
    from grader.integrity import DETECTORS
    from grader.integrity.layer_state import model_layer_states, weight_state

    forgers = [path for path in case_paths() if b'"weight_shapes"' in path.read_bytes()]
    assert len(forgers) >= 19
    stale = [path.name for path in forgers if not all(line in path.read_text() for line in FORGED_STATE)]
    assert stale == []
    ref = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(512, activation="relu"),
                            keras.layers.Dense(10, activation="softmax")])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    forged = {"variable": "model", "config": json.loads(ref.to_json()), "compiled": True,
              "weight_values": [weight_values(w) for w in ref.weights], "preprocessing": [],
              "integrity": {"layer-state": {"weight_shapes": [list(w.shape) for w in ref.get_weights()],
                                            "weight_state": [weight_state(w) for w in ref.weights],
                                            "layer_state": model_layer_states(ref)}},
              "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))}
    forged = json.loads(json.dumps(forged))
    spec, rebuilt = describe(forged, "integer")  # raises if the describer refuses it
    assert spec["optimizer"]["class_name"] == "Adam" and spec["params"]["total"] == 38410
    detector = DETECTORS["layer-state"]
    assert detector.inspect((rebuilt, forged["integrity"]["layer-state"]), detector.probe()) == []
