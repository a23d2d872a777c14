"""``grader check``: grade one submission and print its report.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.cli.common import (
    EXIT_FAILED,
    EXIT_PASSED,
    add_limit_options,
    add_policy_option,
    append_step_summary,
    course,
    exercise_for,
    limits,
)
from grader.errors import UsageError
from grader.report import WRITERS, get_writer


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("check", help="grade one submission (.py or .ipynb)",
                                 description="Grade one submission and print a report.")
    parser.add_argument("submission", metavar="SUBMISSION", help="the .py file or .ipynb notebook to grade")
    parser.add_argument("--exercise", "-e", metavar="ID",
                        help="the exercise id (default: read from the marker line in the stub)")
    parser.add_argument("--format", "-f", default="text", choices=list(WRITERS), help="report format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--student", metavar="SID",
                        help="grade against this student's variant (default: the one the stub's marker records)")
    add_limit_options(parser)
    add_policy_option(parser)


def run(args: argparse.Namespace) -> int:
    from grader.grading.pipeline import Grader
    from grader.runner.client import Engine

    path = Path(args.submission)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    exercise = exercise_for(path, args.exercise)
    writer = get_writer(args.format)
    settings = course(args)
    with Engine(packages=settings.packages, on_start=_starting(path)) as engine:
        report = Grader(engine, limits(args, exercise), settings.policy).grade_file(path, exercise,
                                                                                   student=args.student)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as stream:
            writer.write(report, stream)
    else:
        writer.write(report, sys.stdout)
    append_step_summary(lambda stream: get_writer("markdown").write(report, stream))
    return EXIT_PASSED if report.status == "passed" else EXIT_FAILED


def _starting(path: Path):  # type: ignore[no-untyped-def]
    """On a terminal, a line saying why the next seconds are quiet (not in a log or a pipe)."""
    if not sys.stderr.isatty():
        return None
    return lambda: print(f"Grading {path.name}: starting TensorFlow (a few seconds)...", file=sys.stderr, flush=True)
