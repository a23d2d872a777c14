"""Any Keras layer, described in its own terms: the settings that define it, a difference named at the
layer where it arises, parameter counts explained for the kinds of layer that differ, and advice in
the exercise's own input shape. Specs are built by hand (no TensorFlow) except in the tests marked
slow, which grade a small convolutional exercise on 8x8x1 Digits through the real engine. Expected
messages are written by hand."""

from __future__ import annotations

import dataclasses
import json
from textwrap import dedent

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
from grader.grading.checks import CHECKS, CheckContext
from tests.conftest import check


def conv(filters: int, kernel: int, shape: tuple[int | None, ...], params: int, **config) -> LayerSpec:
    return LayerSpec("Conv2D", "conv2d", None, "relu", shape, params,
                     config={"filters": filters, "kernel_size": [kernel, kernel], **config})


def pool(shape: tuple[int | None, ...]) -> LayerSpec:
    return LayerSpec("MaxPooling2D", "max_pooling2d", output_shape=shape, params=0, config={"pool_size": [2, 2]})


def flatten(width: int) -> LayerSpec:
    return LayerSpec("Flatten", "flatten", output_shape=(None, width), params=0)


def dense_out(params: int) -> LayerSpec:
    return LayerSpec("Dense", "dense", 10, "softmax", (None, 10), params)


# Conv2D(16, 3x3) on 8x8x1: 3*3*1*16 + 16 = 160; pooled to 3x3x16 = 144 values; 144*10 + 10 = 1,450.
REFERENCE = ModelSpec(
    model_class="Sequential", built=True, compiled=True, input_shape=(None, 8, 8, 1), input_dtype="float32",
    layers=(conv(16, 3, (None, 6, 6, 16), 160), pool((None, 3, 3, 16)), flatten(144), dense_out(1450)),
    params=ParamCounts(1610, 1610, 0),
    optimizer=OptimizerSpec("Adam", {"learning_rate": 0.001}),
    loss=LossSpec("sparse_categorical_crossentropy"),
    metrics=(MetricSpec("sparse_categorical_accuracy", "accuracy"),),
)
# 32 filters: 3*3*1*32 + 32 = 320; 3x3x32 = 288 values; 288*10 + 10 = 2,890.
WIDER = dataclasses.replace(
    REFERENCE, layers=(conv(32, 3, (None, 6, 6, 32), 320), pool((None, 3, 3, 32)), flatten(288), dense_out(2890)),
    params=ParamCounts(3210, 3210, 0))
# A 5x5 kernel: 5*5*1*16 + 16 = 416; 4x4 maps pooled to 2x2x16 = 64 values; 64*10 + 10 = 650.
LARGER_KERNEL = dataclasses.replace(
    REFERENCE, layers=(conv(16, 5, (None, 4, 4, 16), 416), pool((None, 2, 2, 16)), flatten(64), dense_out(650)),
    params=ParamCounts(1066, 1066, 0))
# BatchNormalization over 16 channels: 4 * 16 = 64 parameters, 2 * 16 = 32 of them non-trainable.
BATCH_NORM = LayerSpec("BatchNormalization", "batch_normalization", output_shape=(None, 6, 6, 16), params=64,
                       config={"axis": -1})
WITH_BATCH_NORM = dataclasses.replace(REFERENCE, layers=REFERENCE.layers[:1] + (BATCH_NORM,) + REFERENCE.layers[1:],
                                      params=ParamCounts(1674, 1642, 32))


def run(check_id: str, actual: ModelSpec, expected: ModelSpec = REFERENCE, points: float = 2.0, **options):
    config = CheckConfig(check_id, points, hint="a hint", options=options)
    return CHECKS[check_id]().run(CheckContext(expected, actual, config, "integer"))


SIGNATURES = {
    "dense-as-before": (LayerSpec("Dense", "d", 512, "relu"), "Dense(512, relu)"),
    "conv-defaults-left-out": (conv(16, 3, (None, 6, 6, 16), 160), "Conv2D(16, 3x3, relu)"),
    "conv-strides-and-padding": (conv(16, 3, None, 160, strides=[2, 2], padding="same"),
                                 "Conv2D(16, 3x3, relu, strides=2, padding=same)"),
    "uneven-strides": (conv(16, 3, None, 160, strides=[2, 1]), "Conv2D(16, 3x3, relu, strides=2x1)"),
    "pooling": (pool(None), "MaxPooling2D(2x2)"),
    "dropout-from-the-table": (LayerSpec("Dropout", "d", config={"rate": 0.5}), "Dropout(rate=0.5)"),
    "dropout-as-older-specs-held-it": (LayerSpec("Dropout", "d", settings={"rate": 0.5}), "Dropout(rate=0.5)"),
    "batch-norm-momentum-changed": (LayerSpec("BatchNormalization", "b", config={"axis": -1, "momentum": 0.9}),
                                    "BatchNormalization(axis=-1, momentum=0.9)"),
    "embedding": (LayerSpec("Embedding", "e", config={"input_dim": 17, "output_dim": 4}), "Embedding(17, 4)"),
    "lstm": (LayerSpec("LSTM", "l", 8, "tanh", config={"return_sequences": True}),
             "LSTM(8, tanh, return_sequences=True)"),
    "reshape": (LayerSpec("Reshape", "r", config={"target_shape": [8, 8, 1]}), "Reshape((8, 8, 1))"),
    "unknown-class": (LayerSpec("Cropping2D", "c"), "Cropping2D()"),
}


@pytest.mark.parametrize(("layer", "expected"), SIGNATURES.values(), ids=SIGNATURES.keys())
def test_a_layer_reads_as_it_is_written_with_its_defaults_left_out(layer, expected):
    assert layer.signature() == expected


def test_a_spec_keeps_its_layer_settings_through_json_and_reads_older_specs_without_them():
    data = json.loads(json.dumps(REFERENCE.to_dict()))
    assert ModelSpec.from_dict(data).layers[0].signature() == "Conv2D(16, 3x3, relu)"
    for layer in data["layers"]:
        del layer["config"]  # a spec written before layers had a config
    assert ModelSpec.from_dict(data).layers[1].signature() == "MaxPooling2D()"


def test_a_filter_mistake_is_named_once_at_its_layer_and_the_shapes_after_it_as_its_consequence():
    result = run("layers", WIDER)
    assert result.message.startswith(
        "Layer 1 is Conv2D(32, 3x3, relu); expected Conv2D(16, 3x3, relu): it has 32 filters where 16 are "
        "expected. The output shapes of the layers after it differ as a consequence. The number of filters")
    assert "Layer 2" not in result.message and "Layer 3" not in result.message
    assert result.score == 1.5  # three of four layers are right as written


def test_a_kernel_size_mistake_names_the_kernel_size():
    result = run("layers", LARGER_KERNEL)
    assert result.message.startswith("Layer 1 is Conv2D(16, 5x5, relu); expected Conv2D(16, 3x3, relu): its kernel "
                                     "size is 5x5 where 3x3 is expected.")
    assert "kernel size sets how large a patch" in result.message


@pytest.mark.parametrize(("student", "reference", "phrase"), [
    ({"strides": [2, 2]}, {}, "it sets strides=2 where Keras' default is expected"),
    ({}, {"padding": "same"}, "it leaves padding at Keras' default where padding=same is expected"),
    ({"padding": "causal"}, {"padding": "same"}, "its padding is causal where same is expected"),
], ids=["set-where-default-expected", "default-where-set-expected", "both-set"])
def test_a_setting_shown_only_when_changed_is_named_either_way(student, reference, phrase):
    def model(config):
        return dataclasses.replace(REFERENCE, layers=(conv(16, 3, (None, 6, 6, 16), 160, **config),)
                                   + REFERENCE.layers[1:])

    assert phrase in run("layers", model(student), model(reference)).message


def test_a_shape_that_no_earlier_difference_explains_is_reported_with_the_shapes():
    shifted = dataclasses.replace(REFERENCE, layers=REFERENCE.layers[:2] + (flatten(145), REFERENCE.layers[3]))
    result = run("layers", shifted)
    assert result.message == "Layer 3 is Flatten() -> (None, 145); expected Flatten() -> (None, 144)."
    assert result.score == 1.5


def test_a_different_input_shape_explains_the_shapes_after_it_in_the_exercises_terms():
    # 10x10 images: 8x8 maps after the 3x3 kernel, pooled to 4x4x16 = 256 values.
    larger = dataclasses.replace(REFERENCE, input_shape=(None, 10, 10, 1), layers=(
        conv(16, 3, (None, 8, 8, 16), 160), pool((None, 4, 4, 16)), flatten(256), dense_out(2570)))
    result = run("layers", larger)
    assert result.message == (
        "The input shape is (None, 10, 10, 1); expected (None, 8, 8, 1). The output shapes of the layers differ as "
        "a consequence. Each input the exercise gives the model is an array of shape (8, 8, 1), so the model must "
        "be built for that shape.")
    assert result.score == 1.0  # every layer right as written, halved for the input


def test_an_unbuilt_model_is_told_the_exercises_input_shape():
    unbuilt = dataclasses.replace(REFERENCE, built=False, input_shape=None, params=None, layers=tuple(
        dataclasses.replace(layer, output_shape=None, params=None) for layer in REFERENCE.layers))
    assert "Give the first layer input_shape=(8, 8, 1) or start with keras.Input(shape=(8, 8, 1)): each input is " \
           "an array of shape (8, 8, 1)." in run("layers", unbuilt).message
    assert run("params", unbuilt).message.endswith(
        "Give the first layer input_shape=(8, 8, 1) or start with keras.Input(shape=(8, 8, 1)).")
    assert "input_shape=(8, 8, 1)" in run("budget", unbuilt, max_params=2000).message


def test_the_lessons_models_keep_the_lessons_input_wording():
    lesson = dataclasses.replace(REFERENCE, input_shape=(None, 64), layers=(dense_out(650),))
    unbuilt = dataclasses.replace(lesson, built=False, input_shape=None, params=None,
                                  layers=(dataclasses.replace(dense_out(0), output_shape=None, params=None),))
    assert "Give the first layer input_shape=(64,) or start with keras.Input(shape=(64,)): each Digits image is 64 " \
           "pixel values." in run("layers", unbuilt, lesson).message


def test_a_conv_parameter_mistake_points_to_its_layer_and_explains_conv_and_dense_counts():
    message = run("params", WIDER).message
    assert message.startswith(
        "Expected 1,610 parameters (160 + 1,450); found 3,210 (320 + 2,890). The first count that differs is "
        "layer 1's, Conv2D(32, 3x3, relu): 320 where 160 are expected. A Conv2D layer has kernel height × kernel "
        "width × input channels × filters weights plus one bias per filter")
    assert "A Dense layer has inputs × units weights" in message
    assert "BatchNormalization" not in message


def test_an_extra_batch_normalization_explains_its_four_parameters_per_feature_and_nothing_else():
    message = run("params", WITH_BATCH_NORM).message
    assert message == (
        "Expected 1,610 parameters (160 + 1,450); found 1,674 (160 + 64 + 1,450). Layer 2, "
        "BatchNormalization(axis=-1), is extra and holds 64 parameters. A BatchNormalization layer has 4 parameters "
        "per feature: a scale and an offset that train, and a moving mean and variance that are not trainable "
        "(summary() counts those 2 under 'Non-trainable params').")


def test_a_layer_without_weights_in_place_of_one_with_weights_says_it_has_none():
    swapped = dataclasses.replace(REFERENCE, layers=REFERENCE.layers[:3] + (
        LayerSpec("Dropout", "dropout", output_shape=(None, 144), params=0, config={"rate": 0.5}),),
        params=ParamCounts(160, 160, 0))
    message = run("params", swapped).message
    assert "The first count that differs is layer 4's, Dropout(rate=0.5): 0 where 1,450 are expected." in message
    assert message.endswith("A Dense layer has inputs × units weights plus one bias per unit, so the count changes "
                            "with every layer's width and the input size. Dropout layers have no weights "
                            "(0 parameters).")


def with_trial(spec: ModelSpec, score: float) -> ModelSpec:
    return dataclasses.replace(spec, behaviour={"epochs": 3, "train_size": 1347, "test_size": 450,
                                                "losses": [2.0, 1.9], "score_name": "accuracy", "score": score})


def test_the_from_logits_message_quotes_no_accuracy_the_exercise_did_not_measure():
    linear = dataclasses.replace(REFERENCE, layers=REFERENCE.layers[:3] + (
        dataclasses.replace(dense_out(1450), activation="linear"),))
    message = run("loss", linear).message
    assert "trains badly. Pass from_logits=True" in message and "%" not in message
    measured = run("loss", with_trial(linear, 0.31), with_trial(REFERENCE, 0.942)).message
    assert "trains badly (measured here: 31% accuracy on held-out digits after 3 epochs, where the reference " \
           "reaches 94%). Pass from_logits=True" in measured


# --- through the real engine: a convolutional exercise on 8x8x1 Digits ---

CONV_SOLUTION = dedent("""
    import keras
    model = keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
""")


def edited(old: str, new: str) -> str:
    """The conv reference with ``old`` replaced by ``new``."""
    assert old in CONV_SOLUTION, f"the edit no longer applies: {old!r}"
    return CONV_SOLUTION.replace(old, new)


@pytest.fixture(scope="module")
def conv_exercise(catalogue, tmp_path_factory):
    folder = tmp_path_factory.mktemp("conv-feedback")
    solution = folder / "conv_digits.py"
    solution.write_text(CONV_SOLUTION)
    checks = (CheckConfig("layers", 2.0), CheckConfig("params", 2.0), CheckConfig("loss", 2.0),
              CheckConfig("behaviour", 2.0, options={"epochs": 3, "min_accuracy": 0.5}))
    return dataclasses.replace(catalogue["compile-adam"], id="conv-feedback", title="A small CNN on Digits",
                               solution=solution, checks=checks, variants={}, exports=())


@pytest.fixture
def grade_conv(session_grader, conv_exercise, tmp_path):
    """Grade code as the conv exercise; ``checks`` keeps only those checks (no trial training without behaviour)."""

    def grade(code: str, checks: tuple[str, ...] | None = None):
        path = tmp_path / "submission.py"
        path.write_text(code)
        exercise = conv_exercise if checks is None else dataclasses.replace(
            conv_exercise, id=f"conv-feedback-{'-'.join(checks)}",
            checks=tuple(config for config in conv_exercise.checks if config.id in checks))
        return session_grader.grade_file(path, exercise)

    return grade


@pytest.mark.slow
def test_the_conv_reference_trains_on_digits_shaped_as_its_input_and_gets_full_marks(grade_conv, conv_exercise):
    report = grade_conv(CONV_SOLUTION)
    assert report.score == conv_exercise.max_score, [(c.id, c.message) for c in report.checks]
    assert check(report, "layers").expected == [
        "Conv2D(16, 3x3, relu) -> (None, 6, 6, 16)", "MaxPooling2D(2x2) -> (None, 3, 3, 16)",
        "Flatten() -> (None, 144)", "Dense(10, softmax) -> (None, 10)"]


@pytest.mark.slow
def test_a_conv_filter_mistake_is_graded_at_its_layer_through_the_engine(grade_conv):
    report = grade_conv(edited("Conv2D(16, 3", "Conv2D(32, 3"))
    layers, params = check(report, "layers"), check(report, "params")
    assert layers.message.startswith(
        "Layer 1 is Conv2D(32, 3x3, relu); expected Conv2D(16, 3x3, relu): it has 32 filters where 16 are expected. "
        "The output shapes of the layers after it differ as a consequence.")
    assert layers.score == 1.5
    assert "layer 1's, Conv2D(32, 3x3, relu): 320 where 160 are expected" in params.message
    assert check(report, "behaviour").status == "passed"  # it still learns Digits, shaped 8x8x1


@pytest.mark.slow
def test_the_settings_of_each_kind_of_layer_come_from_its_config_through_the_engine(grade_conv):
    report = grade_conv(edited(
        '    keras.layers.Conv2D(16, 3, activation="relu"),\n    keras.layers.MaxPooling2D(),\n'
        '    keras.layers.Flatten(),\n',
        '    keras.layers.Conv2D(8, (3, 3), strides=(2, 2), padding="same", activation="relu"),\n'
        '    keras.layers.BatchNormalization(momentum=0.9),\n'
        '    keras.layers.MaxPooling2D(pool_size=2, strides=2),\n'
        '    keras.layers.SpatialDropout2D(0.1),\n'
        '    keras.layers.Flatten(),\n'
        '    keras.layers.Dropout(0.25),\n'), checks=("layers",))
    assert check(report, "layers").actual == [
        "Conv2D(8, 3x3, relu, strides=2, padding=same) -> (None, 4, 4, 8)",
        "BatchNormalization(axis=-1, momentum=0.9) -> (None, 4, 4, 8)", "MaxPooling2D(2x2) -> (None, 2, 2, 8)",
        "SpatialDropout2D(rate=0.1) -> (None, 2, 2, 8)", "Flatten() -> (None, 32)",
        "Dropout(rate=0.25) -> (None, 32)", "Dense(10, softmax) -> (None, 10)"]


@pytest.mark.slow
def test_recurrent_and_embedding_layers_are_described_in_their_own_terms_through_the_engine(grade_conv):
    report = grade_conv(dedent("""
        import keras
        model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Embedding(17, 4),
            keras.layers.LSTM(8, return_sequences=True),
            keras.layers.GRU(4),
            keras.layers.Dense(10, activation="softmax"),
        ])
    """), checks=("layers",))
    assert check(report, "layers").actual == [
        "Embedding(17, 4) -> (None, 64, 4)", "LSTM(8, tanh, return_sequences=True) -> (None, 64, 8)",
        "GRU(4, tanh) -> (None, 4)", "Dense(10, softmax) -> (None, 10)"]


@pytest.mark.slow
def test_a_linear_output_is_told_the_accuracy_measured_on_this_exercise(grade_conv):
    report = grade_conv(edited('Dense(10, activation="softmax")', "Dense(10)"))
    loss, behaviour = check(report, "loss"), check(report, "behaviour")
    reference = behaviour.expected["reference_score"]
    assert f"(measured here: {behaviour.actual['score']:.0%} accuracy on held-out digits after 3 epochs, where the " \
           f"reference reaches {reference:.0%})" in loss.message
    assert "23 %" not in loss.message


# Dense(128, relu) on 64 inputs: 64*128 + 128 = 8,320; BatchNormalization 4*128 = 512; Dropout 0;
# Dense(10, softmax): 128*10 + 10 = 1,290. Total 10,122.
HIDDEN = LayerSpec("Dense", "dense", 128, "relu", (None, 128), 8320)
NORMALIZED = LayerSpec("BatchNormalization", "batch_normalization", output_shape=(None, 128), params=512,
                       config={"axis": -1})
DROPPED = LayerSpec("Dropout", "dropout", output_shape=(None, 128), params=0, config={"rate": 0.3})
OUTPUT = LayerSpec("Dense", "dense_1", 10, "softmax", (None, 10), 1290)
DENSE_REFERENCE = dataclasses.replace(REFERENCE, input_shape=(None, 64), layers=(HIDDEN, NORMALIZED, DROPPED, OUTPUT),
                                      params=ParamCounts(10122, 9866, 256))


def test_two_layers_in_the_other_order_are_reported_once_as_moved():
    swapped = dataclasses.replace(DENSE_REFERENCE, layers=(HIDDEN, DROPPED, NORMALIZED, OUTPUT))
    result = run("layers", swapped, DENSE_REFERENCE, points=4)
    assert result.status == "failed" and result.score == 3.0  # 3 of 4 layers where they should be
    assert "Dropout(rate=0.3) is in another place in the list of layers than expected." in result.message
    assert "is extra" not in result.message and "is missing" not in result.message
    assert "parameter count" not in result.message  # none changed


def test_an_activation_moved_into_a_layer_of_its_own_is_explained_as_such():
    linear = dataclasses.replace(HIDDEN, activation="linear")
    activation = LayerSpec("Activation", "activation", None, "relu", (None, 128), 0)
    later = dataclasses.replace(DENSE_REFERENCE, layers=(linear, NORMALIZED, activation, DROPPED, OUTPUT))
    message = run("layers", later, DENSE_REFERENCE, points=4).message
    assert ("Your model applies relu later, in a separate Activation layer, after BatchNormalization: the "
            "exercise asks for it inside this layer, so the layers in between see the values before the "
            "activation.") in message
    assert "collapse" not in message  # relu is applied, just elsewhere
    assert "An Activation layer has no weights, so the parameter count stays the same" in message


def test_a_course_dense_layer_is_judged_by_its_own_exercise_not_the_lesson():
    narrower = dataclasses.replace(DENSE_REFERENCE, layers=(dataclasses.replace(HIDDEN, units=64, params=4160),
                                                            NORMALIZED, DROPPED, OUTPUT))
    message = run("layers", narrower, DENSE_REFERENCE, points=4).message
    assert "The hidden layer's width is part of the architecture: 128 units, as the exercise asks." in message
    assert "lesson" not in message
