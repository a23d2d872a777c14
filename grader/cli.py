"""The ``grader`` command.

Exit codes: 0 full marks; 1 anything less (including a submission that could
not be run); 2 usage errors (unknown exercise, missing file, bad option);
3 the course material or the grader itself is broken.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Sequence

from grader.batch.run import BatchOptions
from grader.contract.limits import Limits
from grader.course.exercise import (
    Exercise,
    detect_exercise_id,
    find_exercise,
    load_catalogue,
)
from grader.errors import ExerciseError, GraderError, UsageError
from grader.grading.policy import CourseSettings
from grader.report import WRITERS, get_writer

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_BROKEN = 0, 1, 2, 3


class _Version(argparse.Action):
    """``--version``, printed as one line (argparse's own wraps it)."""

    def __call__(self, parser, namespace, values, option_string=None):  # type: ignore[no-untyped-def]
        print(version_text())
        parser.exit(EXIT_PASSED)


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
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the grader's version, the TensorFlow and Keras it grades with, and the range it "
                             "supports, then exit")
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
    check.add_argument("--student", metavar="SID",
                       help="grade against this student's variant (default: the one the stub's marker records)")
    _add_limit_options(check)
    _add_policy_option(check)

    listing = commands.add_parser("list", help="list the exercises with their titles and points")
    del listing

    commands.add_parser(
        "doctor", help="start a grading worker and report what it grades with: versions, environment packages, "
                       "sandbox, integrity checks",
        description="Start a grading worker as `grader check` would and report the Python, TensorFlow, Keras and "
                    "environment packages (matplotlib, pandas, the course's own) it grades with, how it confines "
                    "submissions, and which integrity checks are on on this installation (and why any is off), "
                    "with the course's policy for each.",
        epilog="Exit codes: 0 the worker starts, 3 it cannot (the message says why).")

    batch = commands.add_parser(
        "batch", help="grade a whole class (a folder or a .zip) into a gradebook and reports",
        description="Grade every student's submission in SUBMISSIONS (a folder or a .zip holding one file or "
                    "one folder per student) with warm workers in parallel. Results go to OUT: gradebook.sqlite "
                    "(committed one by one, so a re-run after a crash or Ctrl-C resumes), gradebook.csv, "
                    "reports/ (JSON, Markdown, HTML per student) and index.html (the class summary). "
                    "Re-running skips submissions already graded with the same content and grader.",
        epilog="Exit codes: 0 every submission has full marks, 1 some do not, 2 usage error, "
               "3 broken course material, 130 interrupted (what was graded is kept).")
    batch.add_argument("submissions", metavar="SUBMISSIONS", help="a folder or a .zip of submissions")
    batch.add_argument("--exercise", "-e", metavar="ID", required=True, help="the exercise id")
    batch.add_argument("--out", required=True, metavar="DIR", help="folder for the gradebook and reports")
    batch.add_argument("--jobs", "-j", type=_positive(int), metavar="N",
                       help=f"{BatchOptions.__dataclass_fields__['jobs'].metadata['help']} (default: all cores)")
    batch.add_argument("--format", "-f", choices=[name for name, cls in WRITERS.items() if cls.combines],
                       help="also write the whole class as one report in this format (to --output)")
    batch.add_argument("--output", "-o", metavar="FILE", help="where --format writes (default: stdout)")
    batch.add_argument("--roster", metavar="CSV",
                       help="CSV with columns 'file' (file or folder name) and 'student' (the id to use); "
                            "students with no submission are listed too")
    _add_limit_options(batch)
    _add_policy_option(batch)

    bundle = commands.add_parser(
        "gradescope-bundle", help="write the autograder zip to upload to Gradescope",
        description="Write a Gradescope autograder zip for one exercise: setup.sh installs Python and this "
                    "grader; run_autograder grades the student's file into results.json.")
    bundle.add_argument("--exercise", "-e", metavar="ID", required=True, help="the exercise id")
    bundle.add_argument("--out", metavar="FILE", help="the zip to write (default: autograder-ID.zip)")

    new = commands.add_parser(
        "new", help="scaffold a new exercise from a reference solution",
        description="Create exercises/ID/exercise.toml, templates/ID.py.j2 and solutions/ID.py from a reference "
                    "solution (its compile call becomes the student's placeholder), render the stubs, and grade "
                    "the reference once to show the exercise works. Then edit the title, instructions and points.")
    new.add_argument("exercise", metavar="ID", help="the new exercise id, e.g. adam-learning-rate")
    new.add_argument("--from", dest="solution", required=True, metavar="SOLUTION.py", help="the reference solution")

    render = commands.add_parser("render", help="render exercise stubs (.py and .ipynb) into a folder")
    render.add_argument("--exercise", "-e", metavar="ID", help="render only this exercise (default: all)")
    render.add_argument("--out", required=True, metavar="DIR", help="folder to write the stubs into")
    who = render.add_mutually_exclusive_group()
    who.add_argument("--student", metavar="SID", help="render this student's variant (the stub records the id)")
    who.add_argument("--roster", metavar="CSV", help="render every student's variant, one folder per student "
                                                     "(a CSV with a 'student' column)")
    return parser


def _add_limit_options(parser: argparse.ArgumentParser) -> None:
    fields = {f.name: f for f in dataclasses.fields(Limits)}
    parser.add_argument("--timeout", type=_positive(float), metavar="S",
                        help=f"{fields['timeout'].metadata['help']} (default: the exercise's, usually 60)")
    parser.add_argument("--memory", type=_positive(_size), metavar="SIZE",
                        help=f"{fields['memory'].metadata['help']}, e.g. 2G or 512M (default: 4G)")


def _add_policy_option(parser: argparse.ArgumentParser) -> None:
    from grader.integrity import DETECTORS

    parser.add_argument("--integrity", action="append", default=[], metavar="DETECTOR=ACTION",
                        help="what an integrity finding of DETECTOR does: 'refuse' (withhold the score) or 'flag' "
                             "(grade it and list it for review); repeatable; overrides course.toml. Detectors: "
                             f"{', '.join(DETECTORS)}")


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


# The range pyproject.toml declares, and CI tests at both ends.
TESTED_RANGE = "Keras 3.8 to 3.15 on TensorFlow 2.18 to 2.21"


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
        if args.command == "doctor":
            return _doctor()
        if args.command == "batch":
            return _batch(args)
        if args.command == "gradescope-bundle":
            return _gradescope_bundle(args)
        if args.command == "new":
            return _new(args)
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
    from grader.grading.pipeline import Grader
    from grader.runner.client import Engine

    path = Path(args.submission)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    exercise = _exercise_for(path, args.exercise)
    writer = get_writer(args.format)
    course = _course(args)
    with Engine(packages=course.packages) as engine:
        report = Grader(engine, _limits(args, exercise), course.policy).grade_file(path, exercise, student=args.student)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as stream:
            writer.write(report, stream)
    else:
        writer.write(report, sys.stdout)
    _append_step_summary(lambda stream: get_writer("markdown").write(report, stream))
    return EXIT_PASSED if report.status == "passed" else EXIT_FAILED


def _append_step_summary(write) -> None:  # type: ignore[no-untyped-def]
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


def _course(args: argparse.Namespace) -> CourseSettings:
    """The course's settings (course.toml), with the command line's --integrity choices over them."""
    from grader.course.exercise import course_root
    from grader.grading.policy import parse_actions

    course = CourseSettings.load(course_root())
    chosen = parse_actions(args.integrity)
    return dataclasses.replace(course, policy=course.policy.with_actions(chosen)) if chosen else course


def _doctor() -> int:
    from rich.console import Console
    from rich.table import Table

    from grader.course.exercise import course_root
    from grader.integrity import DETECTORS
    from grader.runner.client import Engine

    console = Console(highlight=False)
    course = CourseSettings.load(course_root())
    console.print(version_text())
    with Engine(packages=course.packages) as engine:
        engine.start()
        versions, environment, sandbox, detectors = engine.versions, engine.environment, engine.sandbox, engine.detectors
    console.print("Grades with: " + ", ".join(f"{name} {value}" for name, value in versions.items()))
    console.print("Environment for submissions: " + ", ".join(f"{name} {value}" for name, value in environment.items()))
    for name, value in sandbox.items():
        console.print(f"Sandbox {name}: {value}")
    table = Table("Integrity check", "State", "Course policy", "Looks for")
    for kind, detector in DETECTORS.items():
        reason = detectors.get(kind, "not reported by the worker")
        table.add_row(kind, f"off: {reason}" if reason else "on", course.policy.actions[kind], detector.title)
    console.print(table)
    return EXIT_PASSED


def _limits(args: argparse.Namespace, exercise: Exercise) -> Limits | None:
    if not (args.timeout or args.memory):
        return None  # the exercise's own
    return Limits(timeout=args.timeout or exercise.timeout, memory=args.memory or Limits.memory)


def _batch(args: argparse.Namespace) -> int:
    import tempfile

    from grader.batch.class_report import write_class_outputs
    from grader.batch.collect import collect, read_roster
    from grader.batch.gradebook import Gradebook
    from grader.batch.progress import Progress
    from grader.batch.run import run_batch, safe_name
    from grader.report.json_writer import report_from_dict

    exercise = find_exercise(args.exercise, load_catalogue())
    roster = read_roster(Path(args.roster)) if args.roster else None
    out = Path(args.out)
    options = BatchOptions(jobs=args.jobs or BatchOptions().jobs, limits=_limits(args, exercise), course=_course(args))
    with tempfile.TemporaryDirectory(prefix="grader-batch-") as workdir:
        entries = collect(Path(args.submissions), Path(workdir), exercise.id, roster)
        if not entries:
            raise UsageError(f"no submissions (.py or .ipynb files, or folders holding one) in {args.submissions}")
        with Progress(len(entries)) as progress:
            summary = run_batch(entries, exercise, out, options, progress.update)
    gradebook = Gradebook(out / "gradebook.sqlite")
    try:
        rows = list(gradebook.rows(exercise.id))
    finally:
        gradebook.close()
    write_class_outputs(rows, exercise, out, {row.student: safe_name(row.student) for row in rows})
    reports = [report_from_dict(row.report, title=exercise.title) for row in rows]
    names = [row.student for row in rows]
    if args.format:
        writer = get_writer(args.format)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as stream:
                writer.write_many(reports, stream, names)
        else:
            writer.write_many(reports, sys.stdout, names)
    _append_step_summary(lambda stream: get_writer("markdown").write_many(reports, stream, names))
    rate = summary.graded / summary.elapsed if summary.elapsed else 0.0
    print(f"{summary.graded} graded, {summary.skipped} unchanged (skipped) in {summary.elapsed:.1f} s "
          f"({rate:.1f}/s). Class summary: {out / 'index.html'}")
    if summary.interrupted:
        print("grader: interrupted; what was graded is kept, re-run to finish", file=sys.stderr)
        return 130
    return EXIT_PASSED if all(row.status == "passed" for row in rows) else EXIT_FAILED


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


def _gradescope_bundle(args: argparse.Namespace) -> int:
    from grader.integrations.gradescope import build_bundle

    exercise = find_exercise(args.exercise, load_catalogue())
    path = build_bundle(exercise, Path(args.out or f"autograder-{exercise.id}.zip"))
    print(f"{path}: upload it as the autograder of the Gradescope assignment for {exercise.id}.")
    return EXIT_PASSED


def _new(args: argparse.Namespace) -> int:
    from grader.course.exercise import course_root
    from grader.course.scaffold import scaffold
    from grader.grading.pipeline import Grader
    from grader.runner.client import Engine

    root = course_root()
    for path in scaffold(args.exercise, Path(args.solution), root):
        print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    exercise = find_exercise(args.exercise, load_catalogue(root))
    with Engine() as engine:
        report = Grader(engine).grade_file(exercise.solution, exercise)
    print(f"The reference solution scores {report.score:g}/{report.max_score:g} ({report.status}). "
          f"Next: edit exercises/{exercise.id}/exercise.toml, then `make stubs`.")
    return EXIT_PASSED if report.status == "passed" else EXIT_FAILED


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


if __name__ == "__main__":
    sys.exit(main())
