"""``grader batch``: grade a whole class into a gradebook, reports and a class summary.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from grader.batch.run import Backend, BatchOptions
from grader.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_PASSED,
    add_limit_options,
    add_policy_option,
    append_step_summary,
    course,
    limits,
    positive,
)
from grader.course.exercise import find_exercise, load_catalogue
from grader.errors import UsageError
from grader.report import WRITERS, get_writer

CLUSTER_VARIABLE = "GRADER_CLUSTER"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "batch", help="grade a whole class (a folder or a .zip) into a gradebook and reports",
        description="Grade every student's submission in SUBMISSIONS (a folder or a .zip holding one file or "
                    "one folder per student) with warm workers in parallel. One OUT folder holds a whole course: "
                    "gradebook.sqlite (every result, committed one by one, so a re-run after a crash or Ctrl-C "
                    "resumes), gradebook.csv (a row per student, a column per exercise, the total) and index.html "
                    "(the course), and per exercise OUT/ID/ with its class summary (index.html), gradebook.csv and "
                    "reports/ (JSON, Markdown, HTML per student). Re-running skips submissions already graded with "
                    "the same file and the same settings (grader, TensorFlow and Keras versions, exercise, "
                    "reference, limits, integrity policy); --force or --only regrade.",
        epilog="Exit codes: 0 every submission has full marks, 1 some do not, 2 usage error, "
               "3 broken course material, 130 interrupted (what was graded is kept).")
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="a folder or a .zip of submissions")
    parser.add_argument("--exercise", "-e", metavar="ID", required=True, help="the exercise id")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the gradebook and reports")
    parser.add_argument("--jobs", "-j", type=positive(int), metavar="N",
                        help=f"{BatchOptions.__dataclass_fields__['jobs'].metadata['help']} (default: all cores)")
    parser.add_argument("--format", "-f", choices=[name for name, cls in WRITERS.items() if cls.combines],
                        help="also write the whole class as one report in this format (to --output)")
    parser.add_argument("--output", "-o", metavar="FILE", help="where --format writes (default: stdout)")
    parser.add_argument("--roster", metavar="CSV",
                        help="CSV with columns 'file' (file or folder name) and 'student' (the id to use); "
                             "students with no submission are listed as missing")
    parser.add_argument("--force", action="store_true",
                        help=BatchOptions.__dataclass_fields__["force"].metadata["help"])
    parser.add_argument("--only", nargs="+", metavar="STUDENT", default=[],
                        help=BatchOptions.__dataclass_fields__["only"].metadata["help"])
    parser.add_argument("--cluster", metavar="ADDRESS", default=os.environ.get(CLUSTER_VARIABLE) or None,
                        help="grade on the Ray cluster at ADDRESS (host:port of its head; needs keras-grader[cluster] "
                             "and the same versions on every node, see docs/cluster.md); --jobs then caps the "
                             f"actors (default: one per CPU of the cluster). Default: ${CLUSTER_VARIABLE}")
    add_limit_options(parser)
    add_policy_option(parser)


def run(args: argparse.Namespace) -> int:
    import tempfile

    from grader.batch.class_report import write_class_outputs
    from grader.batch.collect import collect, read_roster
    from grader.batch.course_book import (
        GRADEBOOK,
        exercise_folder,
        write_course_outputs,
    )
    from grader.batch.gradebook import Gradebook
    from grader.batch.progress import Progress
    from grader.batch.run import run_batch, safe_name
    from grader.report.json_writer import report_from_dict

    catalogue = load_catalogue()
    exercise = find_exercise(args.exercise, catalogue)
    roster = read_roster(Path(args.roster)) if args.roster else None
    out = Path(args.out)
    folder = exercise_folder(out, exercise.id)
    options = BatchOptions(jobs=args.jobs or BatchOptions().jobs, limits=limits(args, exercise), course=course(args),
                           force=args.force, only=frozenset(args.only))
    with tempfile.TemporaryDirectory(prefix="grader-batch-") as workdir:
        entries = collect(Path(args.submissions), Path(workdir), exercise.id, roster)
        if not entries:
            raise UsageError(f"no submissions (.py or .ipynb files, or folders holding one) in {args.submissions}")
        unknown = sorted(options.only - {entry.student for entry in entries})
        if unknown:
            raise UsageError(f"--only names students with no submission in {args.submissions}: {', '.join(unknown)}")
        with Progress(len(options.only) or len(entries)) as progress:
            summary = run_batch(entries, exercise, folder, options, progress.update, progress.waiting,
                                gradebook_path=out / GRADEBOOK, backend=cluster_backend(args))
    gradebook = Gradebook(out / GRADEBOOK)
    try:
        rows = list(gradebook.rows(exercise.id))
    finally:
        gradebook.close()
    write_class_outputs(rows, exercise, folder, {row.student: safe_name(row.student) for row in rows})
    write_course_outputs(out, catalogue)
    reports = [report_from_dict(row.report, title=exercise.title) for row in rows]
    names = [row.student for row in rows]
    if args.format:
        writer = get_writer(args.format)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as stream:
                writer.write_many(reports, stream, names)
        else:
            writer.write_many(reports, sys.stdout, names)
    append_step_summary(lambda stream: get_writer("markdown").write_many(reports, stream, names))
    rate = summary.graded / summary.elapsed if summary.elapsed else 0.0
    regraded = f" ({summary.forced} regraded unchanged)" if summary.forced else ""
    print(f"{summary.graded} graded{regraded}, {summary.skipped} unchanged (skipped) in {summary.elapsed:.1f} s "
          f"({rate:.1f}/s). Class summary: {folder / 'index.html'}; course: {out / 'index.html'}")
    if summary.interrupted:
        print("grader: interrupted; what was graded is kept, re-run to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_PASSED if all(row.status == "passed" for row in rows) else EXIT_FAILED


def cluster_backend(args: argparse.Namespace) -> Backend | None:
    """The Ray backend when --cluster (or $GRADER_CLUSTER) names a cluster; None grades here (Ray never loads)."""
    if not args.cluster:
        return None
    from grader.batch.cluster import RayBackend

    return RayBackend(args.cluster, actors=args.jobs)
