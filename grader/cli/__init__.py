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
import sys
from types import MappingProxyType, ModuleType
from typing import Sequence

from grader.cli import batch, check, doctor, gradescope, list_exercises, new, render
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
from grader.errors import ExerciseError, GraderError, UsageError

# In the order `grader --help` lists them.
COMMANDS: MappingProxyType[str, ModuleType] = MappingProxyType({
    "check": check, "list": list_exercises, "doctor": doctor, "batch": batch, "gradescope-bundle": gradescope,
    "new": new, "render": render})


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
        epilog="Exit codes: 0 full marks, 1 anything less, 2 usage error, 3 broken course material.",
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the grader's version, the TensorFlow and Keras it grades with, and the range it "
                             "supports, then exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for command in COMMANDS.values():
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
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


__all__ = ["COMMANDS", "EXIT_BROKEN", "EXIT_FAILED", "EXIT_PASSED", "EXIT_USAGE", "TESTED_RANGE", "build_parser",
           "main", "version_text"]
