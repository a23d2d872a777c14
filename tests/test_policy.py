"""The course's integrity policy: what each detector's findings do. No TensorFlow here."""

from __future__ import annotations

import pytest

from grader.errors import ExerciseError, UsageError
from grader.integrity import DETECTORS
from grader.policy import CourseSettings, IntegrityPolicy, parse_actions
from grader.results import Finding


def test_only_evidence_honest_code_cannot_produce_is_refused_by_default():
    policy = IntegrityPolicy()
    assert policy.refused == {"keras-code", "planted-callable"}
    assert set(policy.actions) == set(DETECTORS)


def test_a_course_can_refuse_a_heuristic_or_flag_keras_code():
    policy = IntegrityPolicy().with_actions({"graph": "refuse", "keras-code": "flag"})
    assert policy.refused == {"graph", "planted-callable"}


def test_findings_get_the_policy_s_action_once_each():
    findings = (Finding("graph", "a node swapped"), Finding("graph", "a node swapped"), Finding("keras-code", "json.dumps"))
    assert IntegrityPolicy().apply(findings) == (Finding("graph", "a node swapped", "flag"),
                                                 Finding("keras-code", "json.dumps", "refuse"))


@pytest.mark.parametrize(("chosen", "says"), [
    ({"grpah": "refuse"}, "Did you mean 'graph'"),
    ({"graph": "block"}, "must be one of refuse, flag"),
    ({"planted-callable": "flag"}, "can only be refused"),
], ids=["unknown-detector", "unknown-action", "refuse-only"])
def test_a_wrong_policy_is_a_usage_error_that_says_what_is_wrong(chosen, says):
    with pytest.raises(UsageError) as caught:
        IntegrityPolicy().with_actions(chosen)
    assert says in caught.value.message


def test_course_toml_sets_the_policy_and_the_packages(tmp_path):
    (tmp_path / "course.toml").write_text('[integrity]\nvariables = "refuse"\n\n[environment]\npackages = ["seaborn"]\n')
    course = CourseSettings.load(tmp_path)
    assert course.policy.actions["variables"] == "refuse" and course.packages == ("seaborn",)
    assert CourseSettings.load(tmp_path / "nowhere") == CourseSettings()


def test_a_broken_course_toml_is_a_course_error(tmp_path):
    (tmp_path / "course.toml").write_text('[integrity]\nvariables = "maybe"\n')
    with pytest.raises(ExerciseError) as caught:
        CourseSettings.load(tmp_path)
    assert "course.toml" in caught.value.message and "refuse, flag" in caught.value.message


def test_the_policy_is_part_of_the_regrade_key():
    assert IntegrityPolicy().key() != IntegrityPolicy().with_actions({"graph": "refuse"}).key()


@pytest.mark.parametrize("pair", ["graph", "=refuse", "graph="])
def test_integrity_options_must_name_a_detector_and_an_action(pair):
    with pytest.raises(UsageError):
        parse_actions([pair])
