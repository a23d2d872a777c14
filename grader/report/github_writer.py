"""GitHub Actions annotations: workflow commands (``::error file=F,line=L,title=T::message``) that the
runner reads from a step's output and shows on the run's page and beside the file in a pull request.

One ``error`` annotation per testcase of the JUnit document (``grader.report.junit_writer``) that has
a ``failure`` or an ``error``, on the submission's file (and line, where the failure has one), and one
``notice`` per submission with its score. Passed and skipped checks make none.

Rendered from the JUnit document, so both ways give the same annotations:

- ``grader check SUBMISSION --format github``: annotations of this grading, on stdout;
- ``python -m grader.report.annotate grader-junit.xml``: annotations of a JUnit file written by
  ``grader check`` or ``grader batch --format junit``, without grading again (the CI example grades
  once, to JUnit, and annotates from it).

Escaping follows GitHub's toolkit (``@actions/core`` command.ts): ``%``, CR and LF in the message;
also ``:`` and ``,`` in properties. GitHub shows a limited number of annotations per step; a whole
class's batch may exceed it.

Runs in: the user's process (the ``grader`` command, a CI step); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from grader.contract.results import Report
from grader.report.base import Writer
from grader.report.junit_writer import testsuites

MESSAGE_LIMIT = 2000  # characters of a failure's text in one annotation; the JUnit file keeps it whole


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | None) -> str:
    """One workflow command line, e.g. ``::error file=a.py,line=3,title=loss::Expected ...``."""
    given = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items() if value)
    return f"::{level}{' ' + given if given else ''}::{escape_data(message)}"


def annotations(root: ET.Element) -> list[str]:
    """The workflow commands for a JUnit document (a ``testsuites`` or a single ``testsuite`` root)."""
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    return [line for suite in suites for line in suite_annotations(suite)]


def suite_annotations(suite: ET.Element) -> list[str]:
    properties = {item.get("name"): item.get("value", "") for item in suite.iterfind("properties/property")}
    lines = []
    for case in suite.iterfind("testcase"):
        outcome = case.find("error")
        if outcome is None:
            outcome = case.find("failure")
        if outcome is not None:
            lines.append(command("error", _message(outcome), file=case.get("file"), line=case.get("line"),
                                 title=_title(suite, case, outcome)))
    if "score" in properties and "max_score" in properties:
        summary = f"{properties['score']}/{properties['max_score']} points ({properties.get('status', '')})"
        lines.append(command("notice", summary, file=properties.get("submission"),
                             title=_prefix(suite, properties.get("exercise", "")) or None))
    return lines


def _prefix(suite: ET.Element, exercise: str) -> str:
    """The suite's label: the exercise, and the student when a batch named the suite after them."""
    name = suite.get("name", "")
    return exercise if name in ("", exercise) else f"{name}: {exercise}" if exercise else name


def _title(suite: ET.Element, case: ET.Element, outcome: ET.Element) -> str:
    kind = outcome.get("type") or outcome.tag
    return f"{_prefix(suite, case.get('classname', ''))} / {case.get('name', '')} ({kind})"


def _message(outcome: ET.Element) -> str:
    text = (outcome.text or "").strip() or outcome.get("message", "")
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT] + " [...]"


class GithubWriter(Writer):
    name = "github"
    suffix = ".txt"
    combines = True

    def write(self, report: Report, stream: TextIO) -> None:
        self.write_many([report], stream)

    def write_many(self, reports: Sequence[Report], stream: TextIO, names: Sequence[str] | None = None) -> None:
        stream.writelines(line + "\n" for line in annotations(testsuites(reports, names)))
