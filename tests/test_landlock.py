"""The Landlock confinement, on its own: a child forked with it (no TensorFlow needed)."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from grader.contract.limits import Limits
from grader.runner.landlock import Confinement, readable_paths
from grader.runner.sandbox import Sandbox, run_in_child
from tests.conftest import ROOT, attempt


@pytest.fixture(scope="module")
def confined_run(tmp_path_factory):
    runs = tmp_path_factory.mktemp("runs")
    confinement = Confinement.build(readable_paths(), [str(runs)])
    assert confinement is not None, "this machine's kernel has Landlock (5.13+); the grader relies on it"

    def run(target):
        result = run_in_child(target, Limits(timeout=10), Sandbox(confinement=confinement, runs_dir=str(runs)))
        assert result.exit_code == 0, result.output
        return result.payload

    yield run
    os.close(confinement.fd)


def test_the_child_writes_in_its_own_directory_only(confined_run, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("kept")

    def target():
        def write_here():
            Path("here.txt").write_text("x")
        return {"here": attempt(write_here),
                "outside": attempt(lambda: outside.write_text("changed")),
                "grader": attempt(lambda: open(ROOT / "grader" / "grading" / "checks" / "base.py", "a").close()),
                "new_file": attempt(lambda: open(ROOT / "grader" / "pwned.py", "x").close()),
                "devnull": attempt(lambda: open(os.devnull, "w").write("x"))}

    assert confined_run(target) == {"here": "allowed", "outside": "refused", "grader": "refused",
                                    "new_file": "refused", "devnull": "allowed"}
    assert outside.read_text() == "kept"
    assert not (ROOT / "grader" / "pwned.py").exists()


def test_the_child_reads_python_and_the_grader_but_not_the_course(confined_run, tmp_path):
    secret = tmp_path / "classmate.py"
    secret.write_text("model = ...")

    def target():
        return {"stdlib": attempt(lambda: open(os.__file__).read(1)),
                "grader": attempt(lambda: open(ROOT / "grader" / "grading" / "checks" / "base.py").read(1)),
                "solutions": attempt(lambda: open(ROOT / "solutions" / "compile_adam.py").read(1)),
                "classmate": attempt(lambda: secret.read_text()),
                "list_project": attempt(lambda: os.listdir(ROOT))}

    assert confined_run(target) == {"stdlib": "allowed", "grader": "allowed", "solutions": "refused",
                                    "classmate": "refused", "list_project": "refused"}


def test_the_child_cannot_signal_outside_processes_or_open_tcp_connections(confined_run):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    parent = os.getpid()

    def target():
        def connect():
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                pass
        return {"signal": attempt(lambda: os.kill(parent, signal.SIGCONT)), "connect": attempt(connect)}

    try:
        assert confined_run(target) == {"signal": "refused", "connect": "refused"}
    finally:
        listener.close()
