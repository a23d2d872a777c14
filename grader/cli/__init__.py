"""The ``grader`` command: one module per command, listed once in ``COMMANDS``.

Runs in the user's process and never imports TensorFlow (the commands that grade start a worker).
Each command module has ``add_parser(commands)`` and ``run(args) -> exit code``.
Exit codes: 0 full marks; 1 anything less (including a submission that could not be run); 2 usage
errors (unknown exercise, missing file, bad option); 3 the course material or the grader itself is
broken; 130 interrupted.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Sequence

from grader.cli import (
    batch,
    check,
    doctor,
    export,
    gradescope,
    init,
    lint,
    list_exercises,
    new,
    prairielearn,
    render,
)
from grader.cli.common import (
    EXIT_BROKEN,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_PASSED,
    EXIT_USAGE,
    TESTED_RANGE,
    Parser,
    version_text,
)
from grader.course.course import COURSE_VARIABLE, load_course
from grader.errors import ExerciseError, GraderError, UsageError

# In the order `grader --help` lists them.
COMMANDS: MappingProxyType[str, ModuleType] = MappingProxyType({
    "check": check, "list": list_exercises, "doctor": doctor, "batch": batch, "export": export,
    "gradescope-bundle": gradescope, "prairielearn": prairielearn,
    "init": init, "new": new, "lint": lint, "render": render})

COURSE_HELP = ("the course folder (its grader.toml); default: $GRADER_COURSE, else the nearest grader.toml in this "
               "folder or above it, else the built-in lesson alone")


class _Version(argparse.Action):
    """``--version``, printed as one line (argparse's own wraps it)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        print(version_text())
        parser.exit(EXIT_PASSED)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="grader",
        description="Grade Keras exercises on loss functions and optimizers. Student code runs in an "
                    "isolated child process; the grade is derived from the model's plain configuration.",
        epilog="Courses: commands work in the course whose grader.toml is in the working folder or above it "
               "(as git finds .git), or the one --course DIR or $GRADER_COURSE names; its exercises are listed "
               "beside the built-in lesson's. `grader init DIR` creates one. "
               "Exit codes: 0 full marks, 1 anything less, 2 usage error, 3 broken course material.",
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the grader's version, the TensorFlow and Keras it grades with, and the range it "
                             "supports, then exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for command in COMMANDS.values():
        command.add_parser(commands)
    for name, subparser in commands.choices.items():
        if name != "init":
            subparser.add_argument("--course", metavar="DIR", help=COURSE_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    before = os.environ.get(COURSE_VARIABLE)
    try:
        if getattr(args, "course", None):
            root = load_course(Path(args.course), source=f"--course {args.course}").root
            os.environ[COURSE_VARIABLE] = str(root)  # --course is $GRADER_COURSE for this command
        return COMMANDS[args.command].run(args)
    except UsageError as exc:
        print(f"grader: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except (ExerciseError, GraderError) as exc:
        print(f"grader: {'course' if isinstance(exc, ExerciseError) else 'internal'} error: {exc.message}",
              file=sys.stderr)
        return EXIT_BROKEN
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if before is None:
            os.environ.pop(COURSE_VARIABLE, None)
        else:
            os.environ[COURSE_VARIABLE] = before


__all__ = ["COMMANDS", "EXIT_BROKEN", "EXIT_FAILED", "EXIT_PASSED", "EXIT_USAGE", "TESTED_RANGE", "build_parser",
           "main", "version_text"]
