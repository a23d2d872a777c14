"""What the commands share: exit codes, the parser class, the options several commands take, the
course's settings, and the GitHub step summary. Runs in the CLI's process; imports no TensorFlow.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from grader.contract.limits import Limits
from grader.course.exercise import (
    Exercise,
    detect_exercise_id,
    find_exercise,
    load_catalogue,
)
from grader.errors import UsageError
from grader.grading.policy import CourseSettings

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_BROKEN = 0, 1, 2, 3
EXIT_INTERRUPTED = 130

# The range pyproject.toml declares, and CI tests at both ends.
TESTED_RANGE = "Keras 3.8 to 3.15 on TensorFlow 2.18 to 2.21"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exit code is also 2; keep its wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"grader: error: {message}\n")


def version_text() -> str:
    """``grader --version``: what grades, read from the installed packages (nothing is imported)."""
    import importlib.metadata
    import platform

    from grader import __version__

    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"

    return (f"keras-grader {__version__} (Python {platform.python_version()}; TensorFlow {version('tensorflow')}, "
            f"Keras {version('keras')}; tested with {TESTED_RANGE}). `grader doctor` reports which integrity "
            "checks are on here.")


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    fields = {f.name: f for f in dataclasses.fields(Limits)}
    parser.add_argument("--timeout", type=positive(float), metavar="S",
                        help=f"{fields['timeout'].metadata['help']} (default: the exercise's, usually 60)")
    parser.add_argument("--memory", type=positive(size), metavar="SIZE",
                        help=f"{fields['memory'].metadata['help']}, e.g. 2G or 512M (default: 4G)")


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    from grader.integrity import DETECTORS

    parser.add_argument("--integrity", action="append", default=[], metavar="DETECTOR=ACTION",
                        help="what an integrity finding of DETECTOR does: 'refuse' (withhold the score) or 'flag' "
                             "(grade it and list it for review); repeatable; overrides the course's grader.toml. "
                             "Detectors: "
                             f"{', '.join(DETECTORS)}")


def positive(convert):  # type: ignore[no-untyped-def]
    def parse(text: str):  # type: ignore[no-untyped-def]
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid value {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text!r}")
        return value

    return parse


def size(text: str) -> int:
    from grader.course.course import parse_size

    return parse_size(text)


def limits(args: argparse.Namespace, exercise: Exercise) -> Limits | None:
    """The command line's --timeout and --memory over the course's [limits] memory, or None for the
    exercise's own (its timeout already defaults to the course's)."""
    from grader.course.course import find_course

    memory = args.memory or find_course().memory
    if not (args.timeout or memory):
        return None
    return Limits(timeout=args.timeout or exercise.timeout, memory=memory or Limits.memory)


def course(args: argparse.Namespace) -> CourseSettings:
    """The course's settings (grader.toml), with the command line's --integrity choices over them."""
    from grader.grading.policy import parse_actions

    settings = CourseSettings.load()
    chosen = parse_actions(args.integrity)
    return dataclasses.replace(settings, policy=settings.policy.with_actions(chosen)) if chosen else settings


def exercise_for(path: Path, exercise_id: str | None) -> Exercise:
    """The exercise ``--exercise`` names, or else the one the file's marker line names."""
    catalogue = load_catalogue()
    if exercise_id:
        return find_exercise(exercise_id, catalogue)
    head = path.read_bytes()[:1_000_000].decode("utf-8", errors="replace")
    detected = detect_exercise_id(head)
    if detected is None:
        raise UsageError(f"cannot tell which exercise {path.name} is for: it has no "
                         "'# grader: exercise=ID' line. Pass --exercise ID "
                         f"(one of: {', '.join(catalogue)}).")
    return find_exercise(detected, catalogue)


def append_step_summary(write) -> None:  # type: ignore[no-untyped-def]
    """GitHub Actions shows $GITHUB_STEP_SUMMARY on the run's page: add our Markdown when it is set."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as stream:
            write(stream)
            stream.write("\n")
    except OSError as exc:
        print(f"grader: warning: cannot append to GITHUB_STEP_SUMMARY ({exc})", file=sys.stderr)
