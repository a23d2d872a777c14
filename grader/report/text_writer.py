"""The terminal report: a table of checks with points and messages, then the total.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table

from grader.contract.results import FailureKind, Report, format_points
from grader.report.base import Writer

STATUS_STYLE = {"passed": "green", "failed": "red", "error": "red", "skipped": "yellow"}
SYMBOL = {"passed": "PASS", "failed": "FAIL", "error": "ERROR", "skipped": "SKIP"}


class TextWriter(Writer):
    name = "text"
    suffix = ".txt"

    def write(self, report: Report, stream: TextIO) -> None:
        console = Console(file=stream, width=_width(stream), highlight=False, soft_wrap=False)
        console.print(f"[bold]{escape(report.title or report.exercise)}[/bold]  ({escape(report.exercise)})")
        console.print(f"Submission: {escape(report.submission)}")
        if report.error is not None:
            kind = report.error.kind
            label = "Not attempted" if kind is FailureKind.NOT_ATTEMPTED else f"Problem ({kind})"
            console.print(f"\n[bold red]{label}:[/bold red] {escape(report.error.message)}")
        if report.error is not None and all(check.status == "skipped" for check in report.checks):
            # Nothing was graded: one line, not a row per check.
            names = ", ".join(check.id for check in report.checks)
            console.print(f"Not graded: {escape(names)}.")
            _print_end(console, report)
            return
        table = Table(show_lines=True, expand=True)
        table.add_column("Check", no_wrap=True)
        table.add_column("Result", no_wrap=True)
        table.add_column("Points", justify="right", no_wrap=True)
        table.add_column("Feedback", ratio=1)
        for check in report.checks:
            feedback = escape(check.message)
            if check.hint:
                feedback += f"\n[dim]Hint: {escape(check.hint)}[/dim]"
            style = STATUS_STYLE[check.status]
            table.add_row(check.id, f"[{style}]{SYMBOL[check.status]}[/{style}]",
                          f"{format_points(check.score)}/{format_points(check.max_score)}", feedback)
        console.print(table)
        _print_end(console, report)


def _print_end(console: Console, report: Report) -> None:
    """The notes, the score and, for a submission that could not run, the end of what it printed."""
    for note in report.notes:
        console.print(f"[dim]Note: {escape(note)}[/dim]")
    style = "green" if report.status == "passed" else "red"
    console.print(f"[bold {style}]Score: {format_points(report.score)}/{format_points(report.max_score)} "
                  f"({report.status})[/bold {style}]")
    if report.status in ("error", "missing") and report.output.strip():
        tail = "\n".join(report.output.strip().splitlines()[-15:])
        console.print(f"\n[dim]Last lines the submission printed:[/dim]\n{escape(tail)}")


# Control characters (C0 but newline and tab, DEL, C1), shown as escapes: text from a submission
# (a loss name, a message, what it printed) must not move the cursor or rewrite the report's rows.
CONTROL_CHARACTERS = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0))}


def escape(text: str) -> str:
    """``text`` as it may be shown in a terminal inside rich markup: control characters escaped."""
    return escape_markup(text.translate(CONTROL_CHARACTERS))


def _width(stream: TextIO) -> int:
    import shutil

    if hasattr(stream, "isatty") and stream.isatty():
        return max(80, min(shutil.get_terminal_size().columns, 140))
    return 100
