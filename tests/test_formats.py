"""Machine formats checked by independent readers: an XSD and junitparser for JUnit, the documented
fields and types for Gradescope and PrairieLearn. Reports are built by hand: no TensorFlow."""

from __future__ import annotations

import io
import json

import pytest
import xmlschema
from junitparser import Failure as JFailure
from junitparser import JUnitXml, Skipped

from grader.contract.results import CheckResult, Failure, Report
from grader.report import get_writer
from tests.conftest import ROOT

SCHEMA = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))


def check(check_id, status, score, max_score, message="msg", hint="", visibility="visible"):
    return CheckResult(check_id, status, score, max_score, message, expected={"a": 1}, actual={"a": 2},
                       hint=hint, visibility=visibility)


PARTIAL = Report("compile-adam", "s.py", (
    check("optimizer", "passed", 2, 2, "Adam, as expected."),
    check("loss", "failed", 0, 3, "Expected sparse_categorical_crossentropy <one-hot> & \x01", hint="Use it."),
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


@pytest.mark.parametrize("report", REPORTS.values(), ids=REPORTS.keys())
def test_junit_is_valid_against_the_schema(report):
    SCHEMA.validate(render("junit", report))


def test_junit_reads_back_one_testcase_per_check_with_the_teaching_message(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(render("junit", PARTIAL))
    suites = list(JUnitXml.fromfile(str(path)))
    cases = {case.name: case for case in suites[0]}
    assert set(cases) == {"optimizer", "loss"}
    assert cases["optimizer"].is_passed
    [failure] = cases["loss"].result
    assert isinstance(failure, JFailure)
    assert "Expected sparse_categorical_crossentropy <one-hot> &" in failure.message
    assert "Hint: Use it." in failure.text
    assert suites[0].tests == 2 and suites[0].failures == 1


def test_junit_reports_an_errored_submission_as_a_failing_case_and_skips_the_checks(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(render("junit", ERRORED))
    cases = {case.name: case for case in list(JUnitXml.fromfile(str(path)))[0]}
    assert isinstance(cases["submission"].result[0], JFailure)
    assert "Syntax error" in cases["submission"].result[0].message
    assert isinstance(cases["loss"].result[0], Skipped)


def test_junit_for_a_class_is_valid_and_names_each_suite():
    stream = io.StringIO()
    get_writer("junit").write_many([FULL, PARTIAL, ERRORED], stream, ["ana", "ben", "<cy>"])
    SCHEMA.validate(stream.getvalue())
    assert 'name="&lt;cy&gt;"' in stream.getvalue()


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


@pytest.mark.parametrize(("report", "score"), [(FULL, 1.0), (PARTIAL, 0.4), (ERRORED, 0.0)],
                         ids=["full-marks", "partial-marks", "errored"])
def test_prairielearn_score_is_a_fraction_with_points_per_test(report, score):
    data = json.loads(render("prairielearn", report))
    assert data["score"] == pytest.approx(score)
    assert data["gradable"] is (report.status != "error")
    assert [(t["name"], t["points"], t["max_points"]) for t in data["tests"]] == \
        [(c.id, c.score, c.max_score) for c in report.checks]


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
