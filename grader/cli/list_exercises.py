"""``grader list``: the exercises with their titles and points.

Runs in: the user's process (the `grader` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import argparse

from grader.cli.common import EXIT_PASSED
from grader.course.exercise import load_catalogue


def add_parser(commands: argparse._SubParsersAction) -> None:
    commands.add_parser("list", help="list the exercises with their titles and points")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table("Exercise", "Title", "Points", "Checks")
    for exercise in load_catalogue().values():
        checks = ", ".join(f"{c.id} ({c.points:g})" for c in exercise.checks)
        table.add_row(exercise.id, exercise.title, f"{exercise.max_score:g}", checks)
    Console(highlight=False).print(table)
    return EXIT_PASSED
