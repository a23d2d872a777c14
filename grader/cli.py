"""The ``grader`` command.

Exit codes: 0 full marks; 1 anything less (including a submission that could
not be run); 2 usage errors (unknown exercise, missing file, bad option);
3 the course material or the grader itself is broken.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Sequence

from grader.errors import ExerciseError, GraderError, UsageError
from grader.exercise import Exercise, detect_exercise_id, find_exercise, load_catalogue
from grader.report import WRITERS, get_writer
from grader.sandbox import Limits

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_BROKEN = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's default exit code is also 2; keep its wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"grader: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="grader",
        description="Grade Keras exercises on loss functions and optimizers. Student code runs in an "
                    "isolated child process; the grade is derived from the model's plain configuration.",
        epilog="Exit codes: 0 full marks, 1 anything less, 2 usage error, 3 broken course material.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="grade one submission (.py or .ipynb)",
                                description="Grade one submission and print a report.")
    check.add_argument("submission", metavar="SUBMISSION", help="the .py file or .ipynb notebook to grade")
    check.add_argument("--exercise", "-e", metavar="ID",
                       help="the exercise id (default: read from the marker line in the stub)")
    check.add_argument("--format", "-f", default="text", choices=list(WRITERS),
                       help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    _add_limit_options(check)

    listing = commands.add_parser("list", help="list the exercises with their titles and points")
    del listing

    render = commands.add_parser("render", help="render exercise stubs (.py and .ipynb) into a folder")
    render.add_argument("--exercise", "-e", metavar="ID", help="render only this exercise (default: all)")
    render.add_argument("--out", required=True, metavar="DIR", help="folder to write the stubs into")
    return parser


def _add_limit_options(parser: argparse.ArgumentParser) -> None:
    fields = {f.name: f for f in dataclasses.fields(Limits)}
    parser.add_argument("--timeout", type=_positive(float), metavar="S",
                        help=f"{fields['timeout'].metadata['help']} (default: the exercise's, usually 60)")
    parser.add_argument("--memory", type=_positive(_size), metavar="SIZE",
                        help=f"{fields['memory'].metadata['help']}, e.g. 2G or 512M (default: 4G)")


def _positive(convert):  # type: ignore[no-untyped-def]
    def parse(text: str):  # type: ignore[no-untyped-def]
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid value {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text!r}")
        return value

    return parse


def _size(text: str) -> int:
    units = {"K": 1024, "M": 1024**2, "G": 1024**3}
    text = text.strip().upper().removesuffix("B")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "list":
            return _list()
        return _render(args)
    except UsageError as exc:
        print(f"grader: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except (ExerciseError, GraderError) as exc:
        print(f"grader: {'course' if isinstance(exc, ExerciseError) else 'internal'} error: {exc.message}",
              file=sys.stderr)
        return EXIT_BROKEN
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130


def _check(args: argparse.Namespace) -> int:
    from grader.engine import Engine
    from grader.grading import Grader

    path = Path(args.submission)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    exercise = _exercise_for(path, args.exercise)
    writer = get_writer(args.format)
    limits = None
    if args.timeout or args.memory:
        limits = Limits(timeout=args.timeout or exercise.timeout, memory=args.memory or Limits.memory)
    with Engine() as engine:
        report = Grader(engine, limits).grade_file(path, exercise)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as stream:
            writer.write(report, stream)
    else:
        writer.write(report, sys.stdout)
    return EXIT_PASSED if report.status == "passed" else EXIT_FAILED


def _exercise_for(path: Path, exercise_id: str | None) -> Exercise:
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


def _list() -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table("Exercise", "Title", "Points", "Checks")
    for exercise in load_catalogue().values():
        checks = ", ".join(f"{c.id} ({c.points:g})" for c in exercise.checks)
        table.add_row(exercise.id, exercise.title, f"{exercise.max_score:g}", checks)
    Console(highlight=False).print(table)
    return EXIT_PASSED


def _render(args: argparse.Namespace) -> int:
    from grader.render import render_stub

    catalogue = load_catalogue()
    chosen = [find_exercise(args.exercise, catalogue)] if args.exercise else list(catalogue.values())
    for exercise in chosen:
        for path in render_stub(exercise, Path(args.out)):
            print(path)
    return EXIT_PASSED


if __name__ == "__main__":
    sys.exit(main())
