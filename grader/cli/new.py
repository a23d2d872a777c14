"""``grader new``: scaffold a new exercise from a reference solution, and grade the reference once.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli.common import EXIT_FAILED, EXIT_PASSED
from grader.course.exercise import find_exercise, load_catalogue


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "new", help="scaffold a new exercise from a reference solution",
        description="Create exercises/ID/exercise.toml, templates/ID.py.j2 and solutions/ID.py from a reference "
                    "solution (its compile call becomes the student's placeholder), render the stubs, and grade "
                    "the reference once to show the exercise works. Then edit the title, instructions and points.")
    parser.add_argument("exercise", metavar="ID", help="the new exercise id, e.g. adam-learning-rate")
    parser.add_argument("--from", dest="solution", required=True, metavar="SOLUTION.py", help="the reference solution")


def run(args: argparse.Namespace) -> int:
    from grader.course.exercise import course_root
    from grader.course.scaffold import scaffold
    from grader.grading.pipeline import Grader
    from grader.runner.client import Engine

    root = course_root()
    for path in scaffold(args.exercise, Path(args.solution), root):
        print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    exercise = find_exercise(args.exercise, load_catalogue(root))
    with Engine() as engine:
        report = Grader(engine).grade_file(exercise.solution, exercise)
    print(f"The reference solution scores {report.score:g}/{report.max_score:g} ({report.status}). "
          f"Next: edit exercises/{exercise.id}/exercise.toml, then `make stubs`.")
    return EXIT_PASSED if report.status == "passed" else EXIT_FAILED
