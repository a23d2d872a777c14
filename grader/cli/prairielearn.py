"""``grader prairielearn``: PrairieLearn's external grader (docs/externalGrading.md, "The Grading Process").

PrairieLearn starts the grading container with ``/grade`` holding ``data/data.json`` (the question's
``params``, the ``submitted_answers`` with their ``_files``), ``student/`` (the submitted files) and
``serverFilesCourse/``; the entrypoint must leave ``results/results.json`` (which it creates) and exit
0: the grader host ignores results.json when the container fails.

The job is read as follows:

- the exercise: ``--exercise`` (the entrypoint of the question's info.json), else ``params.exercise``
  (set by the question's server.py), else the ``# grader: exercise=ID`` line of the submitted file;
- the student, for exercises with per-student variants: ``params.student`` if the question sets it,
  else the id the stub's marker line records (PrairieLearn does not pass the student's id);
- the file: the one ``.py`` or ``.ipynb`` among the submitted ``_files`` (all of ``student/`` when
  data.json lists none). None, or several, is a format error: not gradable, the attempt not counted.

The course is the one ``$GRADER_COURSE`` names (set it in ``externalGradingOptions.environment``):
then a wrong path is reported in results.json like any fault, whereas ``--course`` is read by
``grader`` before this command runs and fails without one.

A results.json is always written: what cannot be graded at all gets ``gradable: false`` with
``format_errors``; everything that ran is graded (``grader.report.prairielearn_writer``); a fault of
the grader or the course (unknown exercise, broken reference, worker that cannot start) gets
``gradable: false`` with a message, since the student must not lose an attempt to it, and its
traceback goes to stderr, which PrairieLearn keeps in the job's log for the instructor. The exit code
is 0 once results.json is written, 3 if even that failed.

Runs in: the user's process (the `grader` command, in PrairieLearn's container); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any

from grader.cli.common import (
    EXIT_BROKEN,
    EXIT_PASSED,
    add_limit_options,
    add_policy_option,
    course,
    limits,
)
from grader.contract.results import Failure, FailureKind, Report, SubmissionRejected
from grader.course.exercise import (
    Exercise,
    detect_exercise_id,
    find_exercise,
    load_catalogue,
)
from grader.course.submission import Source, load_source
from grader.errors import ExerciseError, UsageError
from grader.report.base import standard_json
from grader.report.prairielearn_writer import grader_fault, results_json

SUFFIXES = (".py", ".ipynb")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "prairielearn", help="grade a PrairieLearn external-grading job (/grade) into results.json",
        description="PrairieLearn's external grader: read data/data.json and the file in student/ under ROOT, "
                    "grade it, and write results/results.json as PrairieLearn documents it. Always writes a "
                    "results.json; exits 0 once it has.")
    parser.add_argument("--root", default="/grade", metavar="DIR",
                        help="the grading job's folder (default: /grade, where PrairieLearn mounts it)")
    parser.add_argument("--exercise", "-e", metavar="ID",
                        help="the exercise id (default: params.exercise in data.json, else the marker line in the "
                             "submitted file)")
    add_limit_options(parser)
    add_policy_option(parser)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        document = grade_job(root, args)
    except Exception as exc:  # noqa: BLE001 - whatever fails, PrairieLearn must still get a results.json
        traceback.print_exc(file=sys.stderr)
        document = grader_fault(_reason(exc))
    try:
        write_results(root, document)
    except OSError as exc:
        print(f"grader: internal error: cannot write {root / 'results' / 'results.json'}: {exc}", file=sys.stderr)
        return EXIT_BROKEN
    print(f"grader prairielearn: gradable={document['gradable']} score={document.get('score', '-')}")
    return EXIT_PASSED


def grade_job(root: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The results.json document for the job under ``root``."""
    data = read_data(root / "data" / "data.json")
    params = data.get("params") if isinstance(data.get("params"), dict) else {}
    chosen = choose_file(root / "student", submitted_names(data))
    exercise_id = args.exercise or _text(params.get("exercise"))
    if isinstance(chosen, Failure):
        exercise = _exercise(exercise_id) if exercise_id else None
        return results_json(_rejected(exercise, str(root / "student"), chosen))
    exercise = _exercise(exercise_id or _marker(chosen))
    try:
        source = load_source(chosen)
    except SubmissionRejected as rejected:
        return results_json(_rejected(exercise, str(chosen), rejected.failure))
    return results_json(_grade(source, exercise, args, student=_text(params.get("student"))))


def read_data(path: Path) -> dict[str, Any]:
    """data.json as a dict; {} (with a warning) when it is missing or not a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"grader: warning: cannot read {path} ({exc}); grading without it", file=sys.stderr)
        return {}
    return data if isinstance(data, dict) else {}


def submitted_names(data: dict[str, Any]) -> list[str] | None:
    """The names of the files in ``submitted_answers._files``, or None when data.json lists none."""
    answers = data.get("submitted_answers")
    files = answers.get("_files") if isinstance(answers, dict) else None
    if not isinstance(files, list):
        return None
    names = [entry.get("name") for entry in files if isinstance(entry, dict)]
    return [name for name in names if isinstance(name, str) and name] or None


def choose_file(student: Path, names: list[str] | None) -> Path | Failure:
    """The one submitted .py or .ipynb file, or the format error that says why there is not one."""
    if names is not None:
        present = [student / name for name in names if (student / name).is_file()]
    else:
        present = sorted(p for p in student.rglob("*") if p.is_file()) if student.is_dir() else []
    candidates = [path for path in present if path.suffix.lower() in SUFFIXES]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(path.relative_to(student).as_posix() for path in candidates)
        return Failure(FailureKind.INVALID_SUBMISSION,
                       f"Several Python files or notebooks were submitted ({listed}). Submit only one .py or "
                       ".ipynb file: the exercise's.")
    received = f" (received: {', '.join(p.name for p in present)})" if present else ""
    return Failure(FailureKind.NO_SUBMISSION, f"No .py or .ipynb file was submitted{received}. Upload the "
                   "exercise's .py file or notebook.")


def write_results(root: Path, document: dict[str, Any]) -> Path:
    """Write ``document`` to ROOT/results/results.json (PrairieLearn does not create the folder)."""
    folder = root / "results"
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "results.json.partial"
    partial.write_text(json.dumps(standard_json(document), indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                       encoding="utf-8")
    return partial.replace(folder / "results.json")


def _grade(source: Source, exercise: Exercise, args: argparse.Namespace, *, student: str | None) -> Report:
    from grader.grading.pipeline import Grader
    from grader.runner.client import Engine

    settings = course(args)
    with Engine(packages=settings.packages) as engine:
        return Grader(engine, limits(args, exercise), settings.policy).grade_source(source, exercise,
                                                                                    student=student)


def _rejected(exercise: Exercise | None, submission: str, failure: Failure) -> Report:
    """The report of a submission that cannot be graded at all (without an exercise: no checks)."""
    if exercise is not None:
        from grader.grading.pipeline import failure_report

        return failure_report(exercise, submission, failure)
    return Report(exercise="", submission=submission, checks=(), error=failure, errored=True)


def _exercise(exercise_id: str | None) -> Exercise:
    if not exercise_id:
        raise UsageError("the job does not say which exercise it grades: give the question's entrypoint "
                         "--exercise ID, or set params.exercise in its server.py")
    return find_exercise(exercise_id, load_catalogue())


def _marker(path: Path) -> str | None:
    """The exercise id on the file's marker line, if it has one."""
    try:
        return detect_exercise_id(path.read_bytes()[:1_000_000].decode("utf-8", errors="replace"))
    except OSError:
        return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _reason(exc: Exception) -> str:
    """A fault, in a sentence the student may read: no course paths or reference details, which
    the traceback in the job's log gives the instructor."""
    if isinstance(exc, UsageError):  # how the question is set up, e.g. which exercise
        return exc.message.rstrip(".") + "."
    if isinstance(exc, ExerciseError):
        return "the exercise's material is broken (the grading job's log says how)."
    return f"the grader failed ({type(exc).__name__}; the grading job's log says more)."
