"""Machine formats checked by independent readers: an XSD and junitparser for JUnit, the documented
fields and types for Gradescope and PrairieLearn. Reports are built by hand: no TensorFlow."""

from __future__ import annotations

import io
import json

import pytest
import xmlschema
from junitparser import Error as JError
from junitparser import Failure as JFailure
from junitparser import JUnitXml, Skipped

from grader.contract.results import CheckResult, Failure, Report
from grader.report import get_writer
from grader.report.annotate import main as github_main
from tests.conftest import ROOT

SCHEMA = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))


def check(check_id, status, score, max_score, message="msg", hint="", visibility="visible", elapsed=0.0):
    return CheckResult(check_id, status, score, max_score, message, expected={"a": 1}, actual={"a": 2},
                       hint=hint, visibility=visibility, elapsed=elapsed)


PARTIAL = Report("compile-adam", "s.py", (
    check("optimizer", "passed", 2, 2, "Adam, as expected.", elapsed=0.004),
    check("loss", "failed", 0, 3, "Expected sparse_categorical_crossentropy <one-hot> & \x01", hint="Use it.",
          elapsed=0.002),
), title="Compile", elapsed=1.23456)
FULL = Report("compile-adam", "ok.py", (check("optimizer", "passed", 2, 2), check("loss", "passed", 3, 3)))
ERRORED = Report("compile-adam", "bad.py", (check("optimizer", "skipped", 0, 2, "Skipped (not graded: syntax)."),
                                             check("loss", "skipped", 0, 3, "Skipped (not graded: syntax).")),
                 error=Failure("syntax", "Syntax error in bad.py, line 3."), errored=True)
REPORTS = {"full-marks": FULL, "partial-marks": PARTIAL, "errored": ERRORED}


def render(format_name: str, report: Report) -> str:
    stream = io.StringIO()
    get_writer(format_name).write(report, stream)
    return stream.getvalue()


MISSING = Report("compile-adam", "ana", (check("optimizer", "skipped", 0, 2, "Skipped (not graded: no_submission)."),),
                 error=Failure("no_submission", "Nothing was handed in."), errored=True)
NOT_ATTEMPTED = Report("compile-adam", "stub.py", (check("optimizer", "skipped", 0, 2, "Skipped (not attempted)."),),
                       error=Failure("not_attempted", "This is the exercise's stub, unchanged."), elapsed=0.01)
CHECK_ERROR = Report("compile-adam", "odd.py", (check("loss", "error", 0, 3, "The loss could not be read."),),
                     elapsed=2.5)
JUNIT_REPORTS = {**REPORTS, "missing": MISSING, "not-attempted": NOT_ATTEMPTED, "check-error": CHECK_ERROR}


def read_junit(text: str, tmp_path) -> list:
    """The suites of a JUnit document, validated by the XSD and read back by junitparser."""
    SCHEMA.validate(text)
    path = tmp_path / "junit.xml"
    path.write_text(text)
    return list(JUnitXml.fromfile(str(path)))


def outcome(suite, name):
    [result] = next(case for case in suite if case.name == name).result
    return result


@pytest.mark.parametrize("report", JUNIT_REPORTS.values(), ids=JUNIT_REPORTS.keys())
def test_junit_is_valid_against_the_schema(report):
    SCHEMA.validate(render("junit", report))


def test_junit_reads_back_a_submission_case_then_one_testcase_per_check_with_the_teaching_message(tmp_path):
    [suite] = read_junit(render("junit", PARTIAL), tmp_path)
    cases = {case.name: case for case in suite}
    assert list(cases) == ["submission", "optimizer", "loss"]
    assert cases["submission"].is_passed and cases["optimizer"].is_passed
    failure = outcome(suite, "loss")
    assert isinstance(failure, JFailure)
    assert "Expected sparse_categorical_crossentropy <one-hot> &" in failure.message
    assert "Hint: Use it." in failure.text
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (3, 1, 0, 0)


@pytest.mark.parametrize(("report", "kind"), [(ERRORED, "syntax"), (MISSING, "no_submission")],
                         ids=["cannot-run", "missing"])
def test_junit_reports_a_submission_that_cannot_run_as_an_error_and_skips_the_checks(tmp_path, report, kind):
    [suite] = read_junit(render("junit", report), tmp_path)
    error = outcome(suite, "submission")
    assert isinstance(error, JError) and not isinstance(error, JFailure)
    assert error.type == kind and error.message == report.error.message
    assert all(isinstance(outcome(suite, check.id), Skipped) for check in report.checks)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == \
        (1 + len(report.checks), 0, 1, len(report.checks))


def test_junit_reports_an_unchanged_stub_as_a_failed_submission(tmp_path):
    [suite] = read_junit(render("junit", NOT_ATTEMPTED), tmp_path)
    failure = outcome(suite, "submission")
    assert isinstance(failure, JFailure) and failure.type == "not_attempted"
    assert (suite.failures, suite.errors) == (1, 0)


def test_junit_reports_a_check_that_could_not_be_evaluated_as_an_error(tmp_path):
    [suite] = read_junit(render("junit", CHECK_ERROR), tmp_path)
    assert isinstance(outcome(suite, "loss"), JError) and (suite.failures, suite.errors) == (0, 1)


def test_junit_gives_each_testcase_its_measured_time_adding_up_to_the_suites(tmp_path):
    [suite] = read_junit(render("junit", PARTIAL), tmp_path)
    times = {case.name: case.time for case in suite}
    # the checks' own times, and the rest of the run (1.23456 - 0.006) on the submission case
    assert suite.time == 1.235 and times == {"submission": 1.229, "optimizer": 0.004, "loss": 0.002}


def test_junit_claims_no_time_for_a_report_without_a_measured_one():
    assert " time=" not in render("junit", FULL)  # e.g. rebuilt from the batch gradebook


def test_junit_points_at_the_failing_line_of_a_python_file_only():
    report = Report("compile-adam", "bad.py", (), error=Failure("syntax", "Syntax error.", line=3), errored=True)
    assert 'file="bad.py" line="3"' in render("junit", report)
    notebook = Report("compile-adam", "bad.ipynb", (), error=Failure("syntax", "Syntax error.", line=3), errored=True)
    assert 'line="' not in render("junit", notebook)  # a notebook's line numbers count per cell


def test_junit_for_a_class_is_valid_names_each_suite_and_totals_the_counts(tmp_path):
    stream = io.StringIO()
    reports = [FULL, PARTIAL, ERRORED, MISSING, CHECK_ERROR]
    get_writer("junit").write_many(reports, stream, ["ana", "ben", "<cy>", "dee", "eve"])
    assert 'name="&lt;cy&gt;"' in stream.getvalue()
    xml = read_junit(stream.getvalue(), tmp_path)
    root = JUnitXml.fromstring(stream.getvalue())
    assert [suite.name for suite in xml] == ["ana", "ben", "<cy>", "dee", "eve"]
    for key in ("tests", "failures", "errors"):
        assert int(root._elem.get(key)) == sum(getattr(suite, key) for suite in xml), key
    assert (root._elem.get("errors"), root._elem.get("failures")) == ("3", "1")
    for suite in xml:
        times = [case.time or 0 for case in suite]
        assert all(time >= 0 for time in times) and sum(times) <= suite.time + 1e-9
    assert float(root._elem.get("time")) == pytest.approx(sum(suite.time for suite in xml), abs=0.002)


GITHUB_PROPERTY_TEXT = "a:b,c%d\ne"


def test_github_annotations_escape_messages_and_properties():
    report = Report("ex", GITHUB_PROPERTY_TEXT + ".py", (check("loss", "failed", 0, 1, "50% off\nnext line"),))
    [error, notice] = render("github", report).splitlines()
    assert error.startswith("::error file=a%3Ab%2Cc%25d%0Ae.py,title=ex / loss (failed)::50%25 off%0Anext line")
    assert notice == "::notice file=a%3Ab%2Cc%25d%0Ae.py,title=ex::0/1 points (failed)"


def test_github_annotations_name_the_line_of_a_submission_that_cannot_run():
    report = Report("compile-adam", "bad.py", ERRORED.checks, error=Failure("syntax", "Syntax error.", line=3),
                    errored=True)
    assert render("github", report).splitlines()[0] == \
        "::error file=bad.py,line=3,title=compile-adam / submission (syntax)::Syntax error."


def test_github_annotations_from_a_junit_file_match_the_writer(tmp_path):
    """``python -m grader.report.annotate FILE`` annotates what ``--format junit`` wrote."""
    path = tmp_path / "junit.xml"
    stream = io.StringIO()
    get_writer("junit").write_many([PARTIAL, ERRORED], stream, ["ana", "ben"])
    path.write_text(stream.getvalue())
    expected = io.StringIO()
    get_writer("github").write_many([PARTIAL, ERRORED], expected, ["ana", "ben"])
    printed = io.StringIO()
    assert github_main([str(path)], printed) == 0
    assert printed.getvalue() == expected.getvalue()
    assert "title=ana%3A compile-adam / loss (failed)" in printed.getvalue()  # the student, then the check


def test_github_annotations_refuse_an_unreadable_file(tmp_path, capsys):
    (tmp_path / "junit.xml").write_text("<testsuites")
    assert github_main([str(tmp_path / "junit.xml")], io.StringIO()) == 2
    assert "cannot read" in capsys.readouterr().err


GRADESCOPE_TEST_FIELDS = {"name": str, "score": float, "max_score": float, "status": str, "output": str,
                          "visibility": str}


@pytest.mark.parametrize("report", REPORTS.values(), ids=REPORTS.keys())
def test_gradescope_results_have_the_documented_fields_and_types(report):
    data = json.loads(render("gradescope", report))
    for key, kind in {"score": float, "max_score": float, "execution_time": float, "output": str,
                      "tests": list}.items():
        assert isinstance(data[key], kind), key
    assert data["score"] == report.score
    for test, original in zip(data["tests"], report.checks):
        assert {key: type(value) for key, value in test.items()} == GRADESCOPE_TEST_FIELDS
        assert test["status"] in ("passed", "failed")
        assert test["visibility"] in ("visible", "hidden", "after_due_date", "after_published")
        assert test["score"] == original.score
    assert sum(t["score"] for t in data["tests"]) == data["score"]


def test_gradescope_hides_a_check_the_exercise_hides_until_the_due_date():
    report = Report("compile-adam", "s.py", (check("loss", "failed", 0, 3, visibility="after_due_date"),))
    assert json.loads(render("gradescope", report))["tests"][0]["visibility"] == "after_due_date"


@pytest.mark.parametrize(("report", "score"), [(FULL, 1.0), (PARTIAL, 0.4)], ids=["full-marks", "partial-marks"])
def test_prairielearn_score_is_a_fraction_with_points_per_test(report, score):
    data = json.loads(render("prairielearn", report))
    assert data["score"] == pytest.approx(score)
    assert data["gradable"] is True
    assert [(t["name"], t["points"], t["max_points"]) for t in data["tests"]] == \
        [(c.id, c.score, c.max_score) for c in report.checks]


def test_prairielearn_marks_a_syntax_error_not_gradable_with_its_format_error():
    """PrairieLearn's documented example of an ungradable submission: no points lost, no attempt used."""
    data = json.loads(render("prairielearn", ERRORED))
    assert data["gradable"] is False
    assert data["format_errors"] == ["Syntax error in bad.py, line 3."]
    assert "score" not in data


def test_markdown_escapes_table_breaking_text():
    text = render("markdown", PARTIAL)
    assert "| loss | ❌ failed | 0/3 |" in text
    assert "&lt;one-hot&gt;" in text and "<one-hot>" not in text


def test_json_holds_a_nan_setting_as_standard_json():
    """A learning rate of float('nan') is a setting a student can write; strict JSON readers
    (jq, JavaScript's JSON.parse) reject a bare NaN token, so the report carries it as text."""
    nan = CheckResult("optimizer", "failed", 0, 2, "SGD.", expected={"learning_rate": 0.001},
                      actual={"learning_rate": float("nan"), "clipnorm": float("inf")})
    text = render("json", Report("compile-adam", "s.py", (nan,)))

    def refuse(token):
        raise AssertionError(f"non-standard JSON token {token}")

    document = json.loads(text, parse_constant=refuse)
    assert document["checks"][0]["actual"] == {"learning_rate": "nan", "clipnorm": "inf"}


def test_text_shows_control_characters_as_escapes():
    """A loss name of the student's own can carry terminal control sequences; shown as they are,
    they would rewrite the rows a teacher reads."""
    disguise = "\r\x1b[2K| loss | PASS | 3/3 |\x1b[8m"
    report = Report("compile-adam", "s.py", (check("loss", "failed", 0, 3, f"Found {disguise}."),),
                    error=Failure("exception", f"raised {disguise}"), notes=(disguise,), output=disguise,
                    errored=True)
    text = render("text", report)
    assert "\x1b" not in text and "\r" not in text
    assert "\\x1b[2K" in text and "\\x0d" in text


# Two thirds of the layer points and a third of the loss points, as the checks store them (4 decimals).
THIRDS = Report("compile-adam", "s.py", (check("layers", "failed", 1.3333, 2, "Layer 1 is extra."),
                                          check("loss", "failed", 0.3333, 1, "from_logits.")), title="Compile")


# What each format shows people: points per check, the total, or both.
SHOWN_POINTS = {"text": ("1.33/2", "0.33/1", "1.67/3"), "markdown": ("1.33/2", "0.33/1", "1.67/3"),
                "html": ("1.33/2", "0.33/1", "1.67/3"), "junit": ("1.33/2 points", "0.33/1 points"),
                "gradescope": ("1.67/3",), "prairielearn": ("1.67/3 points",)}


@pytest.mark.parametrize(("format_name", "shown"), SHOWN_POINTS.items(), ids=SHOWN_POINTS.keys())
def test_partial_points_are_rounded_where_people_read_them(format_name, shown):
    text = render(format_name, THIRDS)
    assert all(points in text for points in shown), text
    assert "0.3333/" not in text and "1.3333/" not in text and "1.6666/" not in text


def test_partial_points_stay_exact_in_the_data_other_programs_read():
    data = json.loads(render("json", THIRDS))
    assert [c["score"] for c in data["checks"]] == [1.3333, 0.3333] and data["score"] == 1.6666
    gradescope = json.loads(render("gradescope", THIRDS))
    assert [t["score"] for t in gradescope["tests"]] == [1.3333, 0.3333]
