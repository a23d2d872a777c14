"""``grader gradescope-bundle``: the autograder zip to upload to Gradescope.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli.common import EXIT_PASSED
from grader.course.exercise import find_exercise, load_catalogue
from grader.integrations.gradescope import (
    DEFAULT_IMAGE,
    IMAGES,
    SUPPORTED_PYTHONS,
    Target,
)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "gradescope-bundle", help="write the autograder zip to upload to Gradescope",
        description="Write a Gradescope autograder zip for one exercise: setup.sh makes a venv of the targeted "
                    "Python and installs this grader with constraints.txt; run_autograder grades the student's "
                    "file into results.json. constraints.txt pins TensorFlow, Keras and keras-grader to the "
                    "versions installed here, so Gradescope grades with what you tested; numpy, ml-dtypes, h5py, "
                    "protobuf, tensorboard and scikit-learn are pinned too where their installed version supports "
                    "the targeted Python, and otherwise left for pip to pick one that does (numpy 2.3 and later "
                    "have no build for Python 3.10).")
    parser.add_argument("--exercise", "-e", metavar="ID", required=True, help="the exercise id")
    parser.add_argument("--out", metavar="FILE", help="the zip to write (default: autograder-ID.zip)")
    parser.add_argument("--image", choices=list(IMAGES), default=DEFAULT_IMAGE,
                        help="the Gradescope base image chosen in the assignment's settings (default: "
                             f"{DEFAULT_IMAGE}, whose python3 is {IMAGES[DEFAULT_IMAGE]}); it only sets the "
                             "default of --python")
    parser.add_argument("--python", metavar="VERSION", choices=list(SUPPORTED_PYTHONS),
                        help="the Python the autograder runs on, one of " + ", ".join(SUPPORTED_PYTHONS) +
                             " (default: the image's python3 if your TensorFlow and Keras support it, else the "
                             "Python you run); setup.sh uses the image's own when it has that version and "
                             "otherwise installs it with uv. Refused if your TensorFlow or Keras do not support it")


def run(args: argparse.Namespace) -> int:
    from grader.integrations.gradescope import build_bundle, target_python

    exercise = find_exercise(args.exercise, load_catalogue())
    target = Target(image=args.image, python=args.python)
    path = build_bundle(exercise, Path(args.out or f"autograder-{exercise.id}.zip"), target)
    print(f"{path}: upload it as the autograder of the Gradescope assignment for {exercise.id} "
          f"(base image {target.image}, Python {target_python(target)}).")
    return EXIT_PASSED
