"""The writer contract, declared once; the built-in writers implement it like any other would.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Sequence, TextIO

from grader.contract.results import Report


class Writer:
    """Contract: ``write`` renders one report to ``stream`` and never raises for a valid Report.

    Writers whose format can hold a whole class also implement ``write_many`` and set
    ``combines`` (used by ``grader batch --format``).
    """

    name: ClassVar[str]
    suffix: ClassVar[str]
    combines: ClassVar[bool] = False

    def write(self, report: Report, stream: TextIO) -> None:
        raise NotImplementedError

    def write_many(self, reports: Sequence[Report], stream: TextIO, names: Sequence[str] | None = None) -> None:
        """All ``reports`` in one document; ``names`` (e.g. student ids) label them."""
        raise NotImplementedError(f"the {self.name} format holds one submission")


class JsonDocumentWriter(Writer):
    """A writer whose format is one JSON document per report: subclasses say which document."""

    suffix = ".json"

    def document(self, report: Report) -> dict[str, Any]:
        raise NotImplementedError

    def write(self, report: Report, stream: TextIO) -> None:
        json.dump(standard_json(self.document(report)), stream, indent=2, ensure_ascii=False, allow_nan=False)
        stream.write("\n")


def standard_json(value: Any) -> Any:
    """``value`` with every float JSON cannot hold (NaN, infinities; a learning rate of
    float('nan') is a setting a student can write) as the string Python shows for it."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    if isinstance(value, dict):
        return {key: standard_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [standard_json(item) for item in value]
    return value
