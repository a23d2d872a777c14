"""The course's integrity policy: what each detector's findings do. No TensorFlow here."""

from __future__ import annotations

import pytest

from grader.contract.results import Finding
from grader.errors import ExerciseError, UsageError
from grader.grading.policy import CourseSettings, IntegrityPolicy, parse_actions
from grader.integrity import DETECTORS


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


class CannedEngine:
    """Stands in for the worker: every source (the reference's too) describes the lesson's model,
    with the findings and the detectors' state a test gives. No TensorFlow."""

    def __init__(self, findings: tuple[Finding, ...] = (), detectors: dict[str, str] | None = None) -> None:
        self.findings = findings
        self.detectors = detectors or {}

    def inspect(self, source, **_options):  # type: ignore[no-untyped-def]
        from grader.contract.protocol import Inspection
        from grader.contract.spec import (
            LayerSpec,
            LossSpec,
            MetricSpec,
            ModelSpec,
            OptimizerSpec,
            ParamCounts,
        )

        spec = ModelSpec(
            model_class="Sequential", built=True, compiled=True, input_shape=(None, 64), input_dtype="float32",
            layers=(LayerSpec("Dense", "dense", 512, "relu", (None, 512), 33280),
                    LayerSpec("Dense", "dense_1", 10, "softmax", (None, 10), 5130)),
            params=ParamCounts(38410, 38410, 0), optimizer=OptimizerSpec("Adam", {"learning_rate": 0.001}),
            loss=LossSpec("sparse_categorical_crossentropy"), metrics=(MetricSpec("sparse_categorical_accuracy"),))
        return Inspection(spec=spec, failure=None, notes=(), output="", elapsed=0.0,
                          findings=() if "solutions" in source.path else self.findings)


def grade(engine: CannedEngine, compile_adam, tmp_path, policy: IntegrityPolicy | None = None):
    from grader.grading.pipeline import Grader

    path = tmp_path / "submission.py"
    path.write_text("# grader: exercise=compile-adam\nmodel = 'graded by the canned engine'\n")
    return Grader(engine, policy=policy or IntegrityPolicy()).grade_file(path, compile_adam)  # type: ignore[arg-type]


def test_a_detector_the_running_keras_lacks_is_noted_in_every_report(compile_adam, tmp_path):
    report = grade(CannedEngine(detectors={"graph": "`keras.src.ops.function` has no `map_graph`", "variables": ""}),
                   compile_adam, tmp_path)
    assert report.score == 10
    assert [note for note in report.notes if note.startswith("Integrity check")] == [
        "Integrity check `graph` is off on this installation (`keras.src.ops.function` has no `map_graph`); grading "
        "goes on without it."]


def test_a_flagged_finding_keeps_the_score_and_lists_the_evidence(compile_adam, tmp_path):
    report = grade(CannedEngine((Finding("graph", "a node's outputs are not the tensors that record it"),)),
                   compile_adam, tmp_path)
    assert (report.score, report.status, report.error) == (10, "passed", None)
    assert report.findings == (Finding("graph", "a node's outputs are not the tensors that record it", "flag"),)
    assert report.needs_review


def test_a_refused_finding_withholds_the_score_with_the_evidence(compile_adam, tmp_path):
    finding = Finding("graph", "a node's outputs are not the tensors that record it")
    report = grade(CannedEngine((finding,)), compile_adam, tmp_path, IntegrityPolicy().with_actions({"graph": "refuse"}))
    assert (report.score, report.status, report.error.kind) == (0, "error", "tampered")
    assert finding.evidence in report.error.message and "instructor will review" in report.error.message
    assert {check.status for check in report.checks} == {"skipped"}
    assert report.findings[0].action == "refuse"
