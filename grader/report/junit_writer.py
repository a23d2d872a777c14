"""JUnit XML, as CI systems read it (Jenkins' junit-10.xsd): one testcase per check.

A failed check is a ``failure`` carrying the teaching message; a submission that could not be
graded adds a ``submission`` testcase whose failure has ``type="error"`` (the schema has no
``error`` element inside a testcase); skipped checks are ``skipped``.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import socket
import time
import xml.etree.ElementTree as ET
from typing import Sequence, TextIO

from grader.contract.results import Report, format_points
from grader.report.base import Writer

# XML 1.0 cannot carry most control characters, whatever the escaping.
_INVALID_XML = {c: None for c in range(32) if c not in (9, 10, 13)}


def _text(value: str) -> str:
    return value.translate(_INVALID_XML)


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"


def testsuite(report: Report, name: str | None = None) -> ET.Element:
    suite = ET.Element("testsuite", name=_text(name or report.exercise), timestamp=time.strftime("%Y-%m-%dT%H:%M:%S"),
                       hostname=socket.gethostname(), time=_seconds(report.elapsed))
    properties = ET.SubElement(suite, "properties")
    for key, value in (("exercise", report.exercise), ("submission", report.submission),
                       ("score", f"{report.score:g}"), ("max_score", f"{report.max_score:g}"),
                       ("status", report.status)):
        ET.SubElement(properties, "property", name=key, value=_text(value))
    failures = skipped = 0
    if report.error is not None and report.status in ("error", "missing"):
        case = ET.SubElement(suite, "testcase", classname=_text(report.exercise), name="submission", time="0.000")
        failure = ET.SubElement(case, "failure", type="error", message=_text(f"{report.error.kind}: "
                                                                                 f"{report.error.message}"))
        failure.text = _text(report.error.message + ("\n\n" + report.output[-4000:] if report.output else ""))
        failures += 1
    for check in report.checks:
        case = ET.SubElement(suite, "testcase", classname=_text(report.exercise), name=check.id, time="0.000")
        label = f"{format_points(check.score)}/{format_points(check.max_score)} points"
        if check.status in ("failed", "error"):
            failure = ET.SubElement(case, "failure", type=check.status, message=_text(f"{label}: {check.message}"))
            details = [check.message]
            if check.hint:
                details.append(f"Hint: {check.hint}")
            details.append(f"Expected: {check.expected!r}\nFound: {check.actual!r}")
            failure.text = _text("\n\n".join(details))
            failures += 1
        elif check.status == "skipped":
            ET.SubElement(case, "skipped", message=_text(check.message))
            skipped += 1
        else:
            ET.SubElement(case, "system-out").text = _text(f"{label}: {check.message}")
    tests = len(report.checks) + (1 if report.status in ("error", "missing") and report.error else 0)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


class JunitWriter(Writer):
    name = "junit"
    suffix = ".xml"
    combines = True

    def write(self, report: Report, stream: TextIO) -> None:
        self.write_many([report], stream)

    def write_many(self, reports: Sequence[Report], stream: TextIO, names: Sequence[str] | None = None) -> None:
        root = ET.Element("testsuites", name="grader")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for index, report in enumerate(reports):
            suite = testsuite(report, names[index] if names else None)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        root.set("time", _seconds(sum(report.elapsed for report in reports)))
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="utf-8"?>\n')
        stream.write(ET.tostring(root, encoding="unicode"))
        stream.write("\n")
