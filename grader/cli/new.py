"""``grader new``: scaffold a new exercise from a reference solution, grade it, and lint it.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.cli.common import EXIT_PASSED
from grader.cli.lint import lint
from grader.contract.spec import LABEL_KINDS
from grader.course.exercise import find_exercise, load_catalogue
from grader.errors import ExerciseError, UsageError

PARTS = ("compile", "model", "both")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "new", help="scaffold a new exercise from a reference solution",
        description="In the current course folder (see `grader init`), create exercises/ID/exercise.toml, "
                    "templates/ID.py.j2 and solutions/ID.py from a reference solution, render the stubs, grade "
                    "the reference once, and lint the exercise. The stub is the solution without its docstring "
                    "and comments, with the part the student writes replaced by a placeholder. Then write the "
                    "title, instructions and hints in exercise.toml until `grader lint` has nothing to report.",
        epilog="Exit codes: 0 created (lint findings are listed as what is left to write), 2 usage error, "
               "3 the reference cannot be graded (nothing is left behind).")
    parser.add_argument("exercise", metavar="ID", help="the new exercise id, e.g. adam-learning-rate")
    parser.add_argument("--from", dest="solution", required=True, metavar="SOLUTION.py", help="the reference solution")
    parser.add_argument("--student-writes", choices=PARTS, metavar="PART",
                        help="what the student must write: 'compile' (the compile call), 'model' (the layers) or "
                             "'both'; asked when run in a terminal, else 'compile' if the solution compiles its "
                             "model and 'model' if not")
    parser.add_argument("--labels", choices=LABEL_KINDS, default="integer",
                        help="how the exercise's targets are encoded (default: integer, Digits' 0-9)")


def run(args: argparse.Namespace) -> int:
    from grader.course.authoring import Created, course_for_writing
    from grader.course.course import find_course
    from grader.course.scaffold import scaffold
    from grader.grading.pipeline import Grader
    from grader.grading.policy import CourseSettings
    from grader.runner.client import Engine

    root = course_for_writing(find_course())
    existing = load_catalogue().get(args.exercise)
    if existing is not None:
        where = "in the built-in lesson" if existing.root != root else f"in {existing.directory}"
        raise UsageError(f"exercise {args.exercise!r} exists already, {where}; choose another id")
    solution = Path(args.solution)
    part = args.student_writes or _ask_part(solution)
    settings = CourseSettings.load()
    with Created() as created:  # on any failure below, every file made is removed again
        exercise = scaffold(args.exercise, solution, root, part, args.labels, created)
        find_exercise(exercise.id, load_catalogue())  # the course's catalogue takes it (no clash)
        for path in created.paths:
            if path.is_file():
                print(f"wrote {path.relative_to(root)}")
        print("Grading the reference (starting TensorFlow)...", flush=True)
        with Engine(packages=settings.packages) as engine:
            grader = Grader(engine, policy=settings.policy)
            report = grader.grade_file(exercise.solution, exercise)
            if report.status != "passed":
                why = report.error.message if report.error else "; ".join(
                    f"{c.id}: {c.message}" for c in report.checks if c.status != "passed")
                raise ExerciseError(f"the reference solution scores {report.score:g}/{report.max_score:g}, so "
                                    f"the exercise was not created: {why}")
            print(f"The reference solution scores {report.score:g}/{report.max_score:g}.")
            print("Left to do before students see it:")
            lint([exercise], grader=grader)
    print(f"Edit {exercise.directory.relative_to(root)}/exercise.toml, then run `grader lint -e {exercise.id}`.")
    return EXIT_PASSED


def _ask_part(solution: Path) -> str:
    """Ask on a terminal; otherwise the default (the compile call, when the solution has one)."""
    import ast

    from grader.course.scaffold import compile_statement

    try:
        compiles = compile_statement(ast.parse(solution.read_text(encoding="utf-8"))) is not None
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as exc:
        raise UsageError(f"cannot read the solution {solution}: {exc}") from None
    default = "compile" if compiles else "model"
    if not sys.stdin.isatty():
        return default
    while True:
        answer = input(f"What must the student write: compile, model or both? [{default}] ").strip().lower()
        if not answer:
            return default
        if answer in PARTS:
            return answer
        print("Please answer compile, model or both.")
