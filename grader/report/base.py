"""The writer contract, declared once; the built-in writers implement it like any other would."""

from __future__ import annotations

from typing import ClassVar, TextIO

from grader.results import Report


class Writer:
    """Contract: ``write`` renders one report to ``stream`` and never raises for a valid Report."""

    name: ClassVar[str]
    suffix: ClassVar[str]

    def write(self, report: Report, stream: TextIO) -> None:
        raise NotImplementedError
