"""The sender's count of the submission's threads (grader.child.sender), in a child forked directly
(no TensorFlow needed)."""

from __future__ import annotations

import threading
import time

import pytest

from grader.contract.limits import Limits
from grader.runner.sandbox import run_in_child


@pytest.fixture
def thread_in_this_process():
    """A thread of the forking process's own, running while the child is forked (a test runner's,
    a web server's): the child inherits Python's count of it, but not the thread."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    yield
    stop.set()
    thread.join()


def test_a_thread_of_the_forking_process_is_not_counted_as_the_submissions(thread_in_this_process):
    result = run_in_child(lambda: {"model": "sent"}, Limits(timeout=10))
    assert result.payload == {"model": "sent"}


def test_a_thread_the_submission_leaves_running_is_still_reported(thread_in_this_process):
    def submission():
        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
        return {"model": "sent"}

    result = run_in_child(submission, Limits(timeout=10))
    assert result.payload["error"]["kind"] == "threads"
