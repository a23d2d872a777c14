"""Grade every sample submission in examples/ through one warm worker and print a summary table.

Run by `make demo`. It uses the same public API an instructor's script would.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from grader import Engine, Grader, GraderError, load_catalogue
from grader.course.exercise import detect_exercise_id

EXAMPLES = Path(__file__).resolve().parent


def main() -> int:
    catalogue = load_catalogue()
    files = sorted(p for p in EXAMPLES.glob("*/*") if p.suffix in (".py", ".ipynb"))
    table = Table(title="Sample submissions", show_lines=False)
    for column in ("Submission", "Score", "Status", "Failed checks", "Why (first problem)"):
        table.add_column(column, overflow="fold")
    started = time.monotonic()
    with Engine(warm_up=True) as engine:
        grader = Grader(engine)
        for path in files:
            exercise = catalogue[detect_exercise_id(path.read_text(encoding="utf-8")) or path.parent.name]
            report = grader.grade_file(path, exercise)
            failed = [c for c in report.checks if c.status != "passed"]
            why = report.error.message if report.errored or report.error and report.error.kind == "not_attempted" \
                else (failed[0].message if failed else "")
            style = {"passed": "green", "failed": "yellow", "error": "red"}[report.status]
            table.add_row(str(path.relative_to(EXAMPLES)), f"{report.score:g}/{report.max_score:g}",
                          f"[{style}]{report.status}[/{style}]",
                          ", ".join(c.id for c in failed) or "-", why.split(". ")[0][:110])
    console = Console(width=120 if not sys.stdout.isatty() else None, highlight=False)
    console.print(table)
    console.print(f"Graded {len(files)} submissions in {time.monotonic() - started:.1f} s "
                  "(one TensorFlow start, one sandboxed child per submission).")
    console.print("Full report for one file:  .venv/bin/grader check examples/compile-adam/one_hot_loss.py")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except GraderError as exc:
        print(f"demo: {exc.message}", file=sys.stderr)
        sys.exit(3)
