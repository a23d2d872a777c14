"""Checks on hand-built specs: no TensorFlow needed. Expected values are worked out by hand."""

from __future__ import annotations

import dataclasses

import pytest

from grader.contract.spec import (
    LayerSpec,
    LossSpec,
    MetricSpec,
    ModelSpec,
    OptimizerSpec,
    ParamCounts,
)
from grader.course.exercise import CheckConfig
from grader.describer.describe import resolve_accuracy
from grader.describer.rebuild import DescribeError, canonical_functions, check_modules
from grader.grading.checks import CHECKS, CheckContext
from tests.conftest import ROOT

REFERENCE = ModelSpec(
    model_class="Sequential", built=True, compiled=True, input_shape=(None, 64),
    layers=(LayerSpec("Dense", "dense", 512, "relu", (None, 512), 33280),
            LayerSpec("Dense", "dense_1", 10, "softmax", (None, 10), 5130)),
    params=ParamCounts(38410, 38410, 0),
    optimizer=OptimizerSpec("Adam", {"learning_rate": 0.001}),
    loss=LossSpec("sparse_categorical_crossentropy"),
    metrics=(MetricSpec("sparse_categorical_accuracy", "accuracy"),),
    behaviour={"epochs": 5, "train_size": 1347, "test_size": 450, "losses": [1.486, 0.051],
               "score_name": "accuracy", "score": 0.973},
)


def run(check_id: str, actual: ModelSpec, points: float = 2.0, **options):
    config = CheckConfig(check_id, points, hint="a hint", options=options)
    return CHECKS[check_id]().run(CheckContext(REFERENCE, actual, config, "integer"))


# What the open-design checks need to judge the hand-built reference as right.
SELF_OPTIONS = {"budget": {"max_params": 38410, "min_hidden_layers": 1}}


def test_every_reference_check_passes_against_itself():
    from grader.grading.checks import quiz_answers

    answered = dataclasses.replace(REFERENCE, submitted={"answers": quiz_answers(REFERENCE)})
    for check_id in CHECKS:
        result = CHECKS[check_id]().run(CheckContext(REFERENCE, answered, CheckConfig(
            check_id, 2.0, hint="a hint", options=SELF_OPTIONS.get(check_id, {})), "integer"))
        assert (result.status, result.score, result.hint) == ("passed", 2.0, ""), (check_id, result.message)


def test_quiz_answers_are_read_off_the_model():
    from grader.grading.checks import quiz_answers

    # 64 x 512 + 512 = 33,280 and 512 x 10 + 10 = 5,130, worked out by hand.
    assert quiz_answers(REFERENCE) == {"layer1_output_shape": [None, 512], "layer1_params": 33280,
                                       "layer2_output_shape": [None, 10], "layer2_params": 5130,
                                       "total_params": 38410}


def test_extra_metrics_pass_with_a_note():
    actual = dataclasses.replace(REFERENCE, metrics=REFERENCE.metrics + (MetricSpec("mean_absolute_error", "mae"),))
    result = run("metrics", actual)
    assert result.status == "passed" and "mean_absolute_error" in result.message


def test_one_wrong_layer_of_two_earns_half_the_layer_points():
    wrong = dataclasses.replace(REFERENCE.layers[0], activation="tanh")
    result = run("layers", dataclasses.replace(REFERENCE, layers=(wrong, REFERENCE.layers[1])))
    assert result.status == "failed" and result.score == 1.0
    assert "Layer 1 is Dense(512, tanh)" in result.message


def test_an_extra_layer_is_named_and_scored_against_the_longer_list():
    extra = LayerSpec("Dense", "dense_2", 64, "relu", (None, 64), 32832)
    result = run("layers", dataclasses.replace(REFERENCE, layers=(REFERENCE.layers[0], extra, REFERENCE.layers[1])))
    assert result.score == pytest.approx(2.0 * 2 / 3, abs=1e-3)
    assert "Layer 2, Dense(64, relu), is extra." in result.message


def test_linear_output_without_from_logits_fails_the_loss():
    linear = dataclasses.replace(REFERENCE.layers[1], activation="linear")
    result = run("loss", dataclasses.replace(REFERENCE, layers=(REFERENCE.layers[0], linear)), points=3)
    assert result.score == 1.0 and "from_logits=True" in result.message


def test_optimizer_settings_are_compared_within_a_tolerance():
    close = dataclasses.replace(REFERENCE, optimizer=OptimizerSpec("Adam", {"learning_rate": 0.0010000001}))
    assert run("optimizer", close, tolerance=1e-6).status == "passed"
    far = dataclasses.replace(REFERENCE, optimizer=OptimizerSpec("Adam", {"learning_rate": 0.0011}))
    assert run("optimizer", far, tolerance=1e-6).score == 1.0


def test_optimizer_settings_the_exercise_does_not_name_must_stay_as_the_reference_has_them():
    reference = dataclasses.replace(REFERENCE, optimizer=OptimizerSpec("Adam", {"learning_rate": 0.001, "epsilon": 1e-7}))
    changed = dataclasses.replace(REFERENCE, optimizer=OptimizerSpec("Adam", {"learning_rate": 0.001, "epsilon": 10.0}))
    config = CheckConfig("optimizer", 2.0, hint="", options={"compare": ["learning_rate"]})
    result = CHECKS["optimizer"]().run(CheckContext(reference, changed, config, "integer"))
    assert result.score == 1.0 and "epsilon is 10.0 where 1e-07 was expected" in result.message
    assert CHECKS["optimizer"]().run(CheckContext(reference, reference, config, "integer")).status == "passed"


def test_loss_weights_fail_the_loss_even_when_the_loss_is_right():
    weighted = dataclasses.replace(REFERENCE, loss=LossSpec("sparse_categorical_crossentropy", weights=[0.0]))
    result = run("loss", weighted, points=3)
    assert result.score == 0 and "loss_weights=[0.0]" in result.message


def test_a_constraint_the_reference_lacks_fails_that_layer():
    constrained = dataclasses.replace(REFERENCE.layers[0], settings={"kernel_constraint": "MaxNorm(max_value=0.0)"})
    result = run("layers", dataclasses.replace(REFERENCE, layers=(constrained, REFERENCE.layers[1])))
    assert result.score == 1.0 and "kernel_constraint=MaxNorm" in result.message


@pytest.mark.parametrize(("units", "labels", "expected"), [
    (10, "integer", "sparse_categorical_accuracy"), (10, "one_hot", "categorical_accuracy"),
    (1, "binary", "binary_accuracy"), (1, "integer", "binary_accuracy"), (2, "binary", "sparse_categorical_accuracy"),
], ids=["integer-labels", "one-hot-labels", "one-sigmoid-unit", "one-unit-wins", "two-units-binary-labels"])
def test_the_accuracy_string_resolves_as_keras_does(units, labels, expected):
    assert resolve_accuracy(units, labels) == expected


def test_configs_naming_modules_outside_keras_are_refused():
    config = {"module": "keras.layers", "class_name": "Dense",
              "config": {"activation": {"module": "os", "class_name": "system", "config": {}}}}
    with pytest.raises(DescribeError, match="not part of Keras"):
        check_modules(config)


def test_serialised_functions_become_keras_names():
    config = {"activation": {"module": "builtins", "class_name": "function", "config": "softmax_v2",
                             "registered_name": "function"},
              "metrics": [{"module": "builtins", "class_name": "function", "config": "sparse_categorical_accuracy"}]}
    assert canonical_functions(config) == {"activation": "softmax", "metrics": ["sparse_categorical_accuracy"]}


def trained(losses, score, name="accuracy"):
    return dataclasses.replace(REFERENCE, behaviour={**REFERENCE.behaviour, "losses": losses, "score": score,
                                                     "score_name": name})


def test_behaviour_passes_above_the_threshold_when_the_loss_falls():
    result = run("behaviour", trained([1.5, 0.1], 0.95), points=7, min_accuracy=0.9)
    assert result.status == "passed" and "95.0%" in result.message and "97.3%" in result.message


@pytest.mark.parametrize(("losses", "score"), [([8.35, 2.23], 0.229), ([0.5, 0.9], 0.95)],
                         ids=["low-accuracy", "loss-rises"])
def test_behaviour_fails_below_the_threshold_or_when_the_loss_rises(losses, score):
    assert run("behaviour", trained(losses, score), points=7, min_accuracy=0.9).score == 0


def test_behaviour_with_an_error_bound_judges_lower_as_better():
    assert run("behaviour", trained([9.0, 1.0], 0.8, "mean absolute error"), max_error=1.0).status == "passed"
    assert run("behaviour", trained([9.0, 1.0], 1.3, "mean absolute error"), max_error=1.0).status == "failed"


def test_behaviour_reports_a_model_that_could_not_train():
    broken = dataclasses.replace(REFERENCE, behaviour={"error": "Keras could not train this model: ValueError"})
    result = run("behaviour", broken, min_accuracy=0.9)
    assert result.status == "failed" and "could not train" in result.message


def test_checks_say_what_they_need_measured_and_the_grader_asks_for_it_by_that():
    from grader.grading.checks import needing

    assert needing("compile") == {"optimizer", "loss", "metrics"}
    assert needing("trial") == {"behaviour"}


def test_an_exercise_cannot_give_a_trial_a_target_other_than_its_labels(tmp_path):
    import shutil

    from grader.course.exercise import load_exercise
    from grader.errors import ExerciseError

    folder = tmp_path / "exercises" / "fix-the-bug"
    shutil.copytree(ROOT / "exercises" / "fix-the-bug", folder)
    toml = folder / "exercise.toml"
    assert load_exercise(folder, ROOT).labels == "integer"
    toml.write_text(toml.read_text().replace("epochs = 5\n", "epochs = 5\ntarget = \"even\"\n"))
    with pytest.raises(ExerciseError, match="fits the exercise's labels"):
        load_exercise(folder, ROOT)
