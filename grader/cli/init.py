"""``grader init DIR``: create a course folder.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli.common import EXIT_PASSED


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "init", help="create a course folder (grader.toml, exercises/, solutions/, templates/)",
        description="Create a course in DIR: a grader.toml (the course's name, whether the built-in lesson's "
                    "exercises are listed too, default limits, integrity policy, grading environment) and empty "
                    "exercises/, solutions/ and templates/ folders. Every grader command run in DIR or below it "
                    "then works in this course. Add exercises with `grader new ID --from SOLUTION.py`.",
        epilog="Exit codes: 0 created, 2 DIR is a course already or cannot be written.")
    parser.add_argument("folder", metavar="DIR", help="the course folder (created if missing)")
    parser.add_argument("--name", help="the course's name (default: the folder's name)")
    parser.add_argument("--from-lesson", action="store_true",
                        help="copy the built-in lesson's 11 exercises, solutions and templates in, to edit; the "
                             "built-in copy is then left out of the catalogue (lesson = false)")


def run(args: argparse.Namespace) -> int:
    from grader.course.authoring import init_course

    made = init_course(Path(args.folder), name=args.name, from_lesson=args.from_lesson)
    for path in made:
        print(f"created {path}{'/' if path.is_dir() else ''}")
    print(f"Next: cd {args.folder} && grader new ID --from SOLUTION.py")
    return EXIT_PASSED
