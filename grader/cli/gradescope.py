"""``grader gradescope-bundle``: the autograder zip to upload to Gradescope.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli.common import EXIT_PASSED
from grader.course.exercise import find_exercise, load_catalogue


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "gradescope-bundle", help="write the autograder zip to upload to Gradescope",
        description="Write a Gradescope autograder zip for one exercise: setup.sh installs Python and this "
                    "grader; run_autograder grades the student's file into results.json.")
    parser.add_argument("--exercise", "-e", metavar="ID", required=True, help="the exercise id")
    parser.add_argument("--out", metavar="FILE", help="the zip to write (default: autograder-ID.zip)")


def run(args: argparse.Namespace) -> int:
    from grader.integrations.gradescope import build_bundle

    exercise = find_exercise(args.exercise, load_catalogue())
    path = build_bundle(exercise, Path(args.out or f"autograder-{exercise.id}.zip"))
    print(f"{path}: upload it as the autograder of the Gradescope assignment for {exercise.id}.")
    return EXIT_PASSED
