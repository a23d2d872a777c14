"""``python -m grader.report.annotate JUNIT.xml [...]``: print the GitHub annotations of JUnit files
that ``grader check`` or ``grader batch --format junit`` wrote, without grading again.

A module of its own (not ``github_writer``'s ``__main__``) because ``grader.report`` imports every
writer, and ``python -m`` on a module its package already imported warns.

Runs in: the user's process (a CI step); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from grader.report.github_writer import annotations


def main(argv: Sequence[str], stream: TextIO = sys.stdout) -> int:
    """Print the annotations of each JUnit file in ``argv``; 0, or 2 when a file cannot be read."""
    if not argv:
        print("usage: python -m grader.report.annotate JUNIT.xml [...]", file=sys.stderr)
        return 2
    for path in argv:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as exc:
            print(f"grader: cannot read {path}: {exc}", file=sys.stderr)
            return 2
        stream.writelines(line + "\n" for line in annotations(root))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
