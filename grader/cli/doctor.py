"""``grader doctor``: start a worker as ``grader check`` would and report what it grades with.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse

from grader.cli.common import EXIT_PASSED, version_text
from grader.grading.policy import CourseSettings


def add_parser(commands: argparse._SubParsersAction) -> None:
    commands.add_parser(
        "doctor", help="start a grading worker and report what it grades with: versions, environment packages, "
                       "sandbox, integrity checks",
        description="Start a grading worker as `grader check` would and report the Python, TensorFlow, Keras and "
                    "environment packages (matplotlib, pandas, the course's own) it grades with, how it confines "
                    "submissions, and which integrity checks are on on this installation (and why any is off), "
                    "with the course's policy for each.",
        epilog="Exit codes: 0 the worker starts, 3 it cannot (the message says why).")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from grader.integrity import DETECTORS
    from grader.runner.client import Engine

    console = Console(highlight=False)
    course = CourseSettings.load()
    console.print(version_text())
    with Engine(packages=course.packages) as engine:
        engine.start()
        versions, environment, sandbox, detectors = engine.versions, engine.environment, engine.sandbox, engine.detectors
    console.print("Grades with: " + ", ".join(f"{name} {value}" for name, value in versions.items()))
    console.print("Environment for submissions: " + ", ".join(f"{name} {value}" for name, value in environment.items()))
    for name, value in sandbox.items():
        console.print(f"Sandbox {name}: {value}")
    table = Table("Integrity check", "State", "Course policy", "Looks for")
    for kind, detector in DETECTORS.items():
        reason = detectors.get(kind, "not reported by the worker")
        table.add_row(kind, f"off: {reason}" if reason else "on", course.policy.actions[kind], detector.title)
    console.print(table)
    return EXIT_PASSED
