"""``grader render``: exercise stubs (.py and .ipynb), for one student, a roster, or everyone.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli.common import EXIT_PASSED
from grader.course.exercise import find_exercise, load_catalogue
from grader.errors import UsageError


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("render", help="render exercise stubs (.py and .ipynb) into a folder")
    parser.add_argument("--exercise", "-e", metavar="ID", help="render only this exercise (default: all)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write the stubs into")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--student", metavar="SID", help="render this student's variant (the stub records the id)")
    who.add_argument("--roster", metavar="CSV", help="render every student's variant, one folder per student "
                                                     "(a CSV with a 'student' column)")


def run(args: argparse.Namespace) -> int:
    from grader.course.render import render_stub

    catalogue = load_catalogue()
    chosen = [find_exercise(args.exercise, catalogue)] if args.exercise else list(catalogue.values())
    students: list[str | None] = [args.student] if args.student else [None]
    if args.roster:
        from grader.batch.collect import roster_students

        students = sorted(set(roster_students(Path(args.roster))))
    for student in students:
        if student is not None and (not student or any(c.isspace() for c in student)):
            raise UsageError(f"student ids may not be empty or contain spaces: {student!r}")
        out = Path(args.out) / student if args.roster and student else Path(args.out)
        for exercise in chosen:
            for path in render_stub(exercise, out, student):
                print(path)
    return EXIT_PASSED
