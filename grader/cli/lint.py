"""``grader lint``: check that a course's exercises are ready for students.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from grader.cli.common import EXIT_FAILED, EXIT_PASSED
from grader.course.exercise import Exercise, find_exercise, load_catalogue

if TYPE_CHECKING:
    from grader.grading.pipeline import Grader


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "lint", help="check that exercises are ready for students",
        description="Check each exercise of the course (or the one --exercise names): every variant renders, no "
                    "TODO is left in the stub, hints or instructions, the instructions mention what each check "
                    "compares, the reference solution earns full marks, the untouched stub is 'not attempted', "
                    "and the stub run as given does not already earn full marks. Without a course folder, the "
                    "built-in lesson is checked.",
        epilog="Exit codes: 0 nothing to fix, 1 something to fix (listed), 2 usage error, 3 broken course material.")
    parser.add_argument("--exercise", "-e", metavar="ID", help="check only this exercise")
    parser.add_argument("--quick", action="store_true", help="only the checks that need no TensorFlow worker")


def run(args: argparse.Namespace) -> int:
    from grader.course.course import find_course

    catalogue = load_catalogue()
    course = find_course()
    if args.exercise:
        chosen = [find_exercise(args.exercise, catalogue)]
    else:  # a course's own exercises; the lesson's when there is no course
        chosen = [e for e in catalogue.values() if course.root is None or e.root == course.root]
    return EXIT_PASSED if lint(chosen, quick=args.quick) else EXIT_FAILED


def lint(exercises: list[Exercise], *, quick: bool = False, grader: Grader | None = None) -> bool:
    """Print each exercise's findings; True when there are none. Grades with ``grader`` when given
    (``grader new`` has one running), else starts a worker, unless ``quick``."""
    from grader.course.lint import graded_findings, static_findings

    found: dict[str, list[str]] = {exercise.id: static_findings(exercise) for exercise in exercises}
    if grader is not None:
        for exercise in exercises:
            found[exercise.id] += graded_findings(exercise, grader.grade_file)
    elif not quick and exercises:
        from grader.grading.pipeline import Grader
        from grader.grading.policy import CourseSettings
        from grader.runner.client import Engine

        settings = CourseSettings.load()
        print("Grading each reference and stub (starting TensorFlow)...", flush=True)
        with Engine(packages=settings.packages) as engine:
            running = Grader(engine, policy=settings.policy)
            for exercise in exercises:
                found[exercise.id] += graded_findings(exercise, running.grade_file)
    for exercise in exercises:
        problems = found[exercise.id]
        print(f"{exercise.id}: " + ("ready" if not problems else f"{len(problems)} to fix"))
        for problem in problems:
            print(f"  - {problem}")
    if not exercises:
        print("This course has no exercises yet: add one with `grader new ID --from SOLUTION.py`.")
    return not any(found.values())
