"""The engine survives its worker: a worker that dies mid-submission costs only that submission."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from grader.contract.limits import Limits
from grader.course.submission import load_source
from grader.runner.client import Engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_worker_killed_mid_submission_fails_only_that_submission(tmp_path):
    slow = tmp_path / "slow.py"
    slow.write_text("import time\ntime.sleep(30)\n")
    correct = load_source(ROOT / "examples" / "compile-adam" / "correct.py")
    with Engine() as engine:
        engine.start()
        first_pid = engine.pid
        killer = threading.Timer(1.0, os.kill, (first_pid, signal.SIGKILL))
        killer.start()
        started = time.monotonic()
        inspection = engine.inspect(load_source(slow), model_variable="model", labels="integer",
                                    limits=Limits(timeout=20))
        assert time.monotonic() - started < 10
        assert inspection.failure is not None and inspection.failure.kind == "crashed"
        assert "grading worker stopped" in inspection.failure.message
        after = engine.inspect(correct, model_variable="model", labels="integer", limits=Limits(timeout=20))
        assert after.spec is not None and after.spec.params.total == 38410
        assert engine.pid != first_pid


@pytest.mark.slow
def test_the_worker_reports_how_it_confines_submissions():
    with Engine() as engine:
        engine.start()
        assert engine.sandbox["user"] in ("nobody", "the grading user, without capabilities")
        assert engine.versions["keras"].startswith("3.")


def test_a_warmed_up_worker_made_the_rehearsed_isinstance_checks_ahead(engine):
    engine.start()
    # The rehearsal of the lesson's model finds about a thousand; a broken rehearsal finds none.
    assert engine.warmed > 100


@pytest.mark.slow
def test_a_worker_without_warm_up_makes_none():
    with Engine() as engine:
        engine.start()
        assert engine.warmed == 0
