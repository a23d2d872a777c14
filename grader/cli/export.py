"""``grader export``: a course's grades in the CSV layout Canvas or Moodle imports, or as plain CSV.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.cli.common import EXIT_PASSED
from grader.errors import UsageError

# The keys of grader.batch.lms.EXPORTS (not imported to build the parser: it pulls in the batch code).
LAYOUTS = ("canvas", "csv", "moodle")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help="write a course's grades for an LMS to import (Canvas, Moodle, CSV)",
        description="Read the gradebook that `grader batch` keeps in OUT (every exercise graded into it) and "
                    "write one row per student with a column per exercise, in the layout the LMS imports. "
                    "canvas: Student, ID, SIS User ID, SIS Login ID, Section, then each exercise by title, with "
                    "a 'Points Possible' row. moodle: the identity columns Moodle's own export uses (First name, "
                    "Last name, ID number, Email address, Username), then each exercise; map one identity column "
                    "and the grade columns when importing. csv: student, each exercise id, total, max_total, "
                    "missing. Missing submissions are empty cells (not zero); errors are 0.",
        epilog="The identity columns come from --roster: a CSV with a 'student' column (the ids the grader "
               "uses, as in `grader batch --roster`) and any of the LMS's own columns, e.g. a gradebook you "
               "exported from the LMS with a 'student' column added. Without one, the grader's ids are used "
               "(Canvas: as SIS Login ID; Moodle: as Username).")
    parser.add_argument("out", metavar="OUT", help="the folder `grader batch --out` wrote")
    parser.add_argument("--to", required=True, choices=LAYOUTS, help="the layout to write")
    parser.add_argument("--roster", metavar="CSV", help="students' LMS identities (see below)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="where to write (default: OUT/export-<to>.csv; '-' for stdout)")


def run(args: argparse.Namespace) -> int:
    from grader.batch.course_book import GRADEBOOK, load_book
    from grader.batch.gradebook import Gradebook
    from grader.batch.lms import EXPORTS, read_lms_roster
    from grader.course.exercise import load_catalogue

    out = Path(args.out)
    if not (out / GRADEBOOK).is_file():
        raise UsageError(f"{out} holds no {GRADEBOOK}: grade into it first with `grader batch ... --out {out}`")
    roster = read_lms_roster(Path(args.roster)) if args.roster else None
    gradebook = Gradebook(out / GRADEBOOK)
    try:
        book = load_book(gradebook, load_catalogue())
    finally:
        gradebook.close()
    if args.output == "-":
        EXPORTS[args.to](book, roster, sys.stdout)
        return EXIT_PASSED
    target = Path(args.output) if args.output else out / f"export-{args.to}.csv"
    try:
        with open(target, "w", newline="", encoding="utf-8") as stream:
            EXPORTS[args.to](book, roster, stream)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    unmatched = [s for s in book.students if roster is not None and s not in roster.people]
    print(f"{len(book.students)} students, {len(book.columns)} exercises: {target}")
    if unmatched:
        print(f"grader: {len(unmatched)} graded students are not in the roster (written with the grader's id): "
              f"{', '.join(unmatched[:5])}{' ...' if len(unmatched) > 5 else ''}", file=sys.stderr)
    return EXIT_PASSED
