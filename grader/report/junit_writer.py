"""JUnit XML, as CI systems read it (Jenkins' junit-10.xsd, GitLab, junitparser): one testsuite per
submission, a ``submission`` testcase, then one testcase per check.

Outcomes:

- the ``submission`` testcase stands for the run itself (loading, running the student's code in
  isolation, describing the model). A submission that cannot run (status ``error``) or was never
  handed in (``missing``) makes it an ``error`` element (``type`` = the failure kind, ``message`` =
  the failure message), counted in ``errors``; a submission that ran but is not ready (the stub
  unchanged, a model not compiled or not built) makes it a ``failure`` of that kind; otherwise it
  passes.
- a failed check is a ``failure`` carrying the teaching message; a check that could not be
  evaluated (status ``error``) is an ``error``; a skipped check is ``skipped``.

Time, as measured: the suite's ``time`` is the submission's whole duration (``Report.elapsed``, from
loading the file to the report); each check testcase's is that check's own (``CheckResult.elapsed``,
comparing two specs: milliseconds); the ``submission`` testcase's is the rest (reading, running the
student's code in isolation, describing the model). So the testcases' times add up to the suite's.
A report without a measured duration (``elapsed`` 0, e.g. rebuilt from the batch gradebook)
carries no ``time`` anywhere.

Every testcase names the submission in ``file`` (and ``line`` when the failure has one, for a .py
file) so that CI annotations can point at it (``grader.report.github_writer``).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from grader.contract.results import CheckResult, Report, format_points
from grader.report.base import Writer

# XML 1.0 cannot carry most control characters, whatever the escaping.
_INVALID_XML = {c: None for c in range(32) if c not in (9, 10, 13)}
SUBMISSION_CASE = "submission"


def _text(value: str) -> str:
    return value.translate(_INVALID_XML)


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"


def testsuite(report: Report, name: str | None = None) -> ET.Element:
    """The testsuite of one report, its counts (``tests``, ``failures``, ``errors``, ``skipped``) set."""
    suite = ET.Element("testsuite", name=_text(name or report.exercise), timestamp=time.strftime("%Y-%m-%dT%H:%M:%S"),
                       hostname=socket.gethostname())
    if report.elapsed > 0:
        suite.set("time", _seconds(report.elapsed))
    properties = ET.SubElement(suite, "properties")
    for key, value in (("exercise", report.exercise), ("submission", report.submission),
                       ("score", f"{report.score:g}"), ("max_score", f"{report.max_score:g}"),
                       ("status", report.status)):
        ET.SubElement(properties, "property", name=key, value=_text(value))
    suite.append(submission_case(report))
    suite.extend(check_case(report, check) for check in report.checks)
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    for key, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        suite.set(key, str(sum(1 for case in cases if case.find(tag) is not None)))
    return suite


def _case(report: Report, name: str) -> ET.Element:
    return ET.Element("testcase", classname=_text(report.exercise), name=_text(name), file=_text(report.submission))


def submission_case(report: Report) -> ET.Element:
    """The run of the submission: its whole measured time, and why it could not be graded normally."""
    case = _case(report, SUBMISSION_CASE)
    if report.elapsed > 0:  # the rest of the run, so that the cases' times (as written) add up to the suite's
        rest = float(_seconds(report.elapsed)) - sum(float(_seconds(check.elapsed)) for check in report.checks)
        case.set("time", _seconds(rest))
    failure = report.error
    if failure is None:
        ET.SubElement(case, "system-out").text = _text(f"{format_points(report.score)}/"
                                                       f"{format_points(report.max_score)} points")
        return case
    if failure.line is not None and report.submission.endswith(".py"):  # a notebook's lines count per cell
        case.set("line", str(failure.line))
    tag = "error" if report.status in ("error", "missing") else "failure"
    outcome = ET.SubElement(case, tag, type=failure.kind.value, message=_text(failure.message))
    outcome.text = _text(failure.message + ("\n\n" + report.output[-4000:] if report.output else ""))
    return case


def check_case(report: Report, check: CheckResult) -> ET.Element:
    """One check: passed (its points in system-out), ``failure``, ``error`` or ``skipped``."""
    case = _case(report, check.id)
    if report.elapsed > 0:
        case.set("time", _seconds(check.elapsed))
    label = f"{format_points(check.score)}/{format_points(check.max_score)} points"
    if check.status in ("failed", "error"):
        outcome = ET.SubElement(case, "failure" if check.status == "failed" else "error", type=check.status,
                                message=_text(f"{label}: {check.message}"))
        details = [check.message] + ([f"Hint: {check.hint}"] if check.hint else [])
        details.append(f"Expected: {check.expected!r}\nFound: {check.actual!r}")
        outcome.text = _text("\n\n".join(details))
    elif check.status == "skipped":
        ET.SubElement(case, "skipped", message=_text(check.message))
    else:
        ET.SubElement(case, "system-out").text = _text(f"{label}: {check.message}")
    return case


def testsuites(reports: Sequence[Report], names: Sequence[str] | None = None) -> ET.Element:
    """One ``testsuites`` element: a testsuite per report, with the totals of their counts and times."""
    root = ET.Element("testsuites", name="grader")
    suites = [testsuite(report, names[index] if names else None) for index, report in enumerate(reports)]
    root.extend(suites)
    for key in ("tests", "failures", "errors"):  # junit-10.xsd has no ``skipped`` on testsuites
        root.set(key, str(sum(int(suite.get(key, "0")) for suite in suites)))
    if any(report.elapsed > 0 for report in reports):
        root.set("time", _seconds(sum(max(report.elapsed, 0.0) for report in reports)))
    return root


class JunitWriter(Writer):
    name = "junit"
    suffix = ".xml"
    combines = True

    def write(self, report: Report, stream: TextIO) -> None:
        self.write_many([report], stream)

    def write_many(self, reports: Sequence[Report], stream: TextIO, names: Sequence[str] | None = None) -> None:
        root = testsuites(reports, names)
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
        stream.write(ET.tostring(root, encoding="unicode"))
        stream.write("\n")
