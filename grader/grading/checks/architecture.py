"""Checks of the architecture: the layers in order, the parameter counts, a budget of depth and size.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import difflib
from typing import Any

from grader.contract.results import CheckResult
from grader.contract.spec import LayerSpec, ModelSpec, format_shape
from grader.grading.checks.base import Check, CheckContext
from grader.grading.feedback import layer_difference_why


class LayersCheck(Check):
    id = "layers"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected, ctx.actual
        expected = _layer_rows(want)
        actual = _layer_rows(got)
        problems: list[str] = []
        why: list[str] = []
        input_ok = got.input_shape == want.input_shape
        if not got.built:
            problems.append("The model has no input shape, so Keras has not built it: it has no output "
                            "shapes and no weights yet.")
            why.append("Give the first layer input_shape=(64,) or start with keras.Input(shape=(64,)): "
                       "each Digits image is 64 pixel values.")
        elif not input_ok:
            problems.append(f"The input shape is {format_shape(got.input_shape)}; expected "
                            f"{format_shape(want.input_shape)}.")
            why.append("Each Digits image is a flat vector of 64 pixel values, so the first layer must read 64 inputs.")
        if got.built and not _holds_pixel_values(got.input_dtype):
            input_ok = False
            problems.append(f"The input dtype is {got.input_dtype}; expected {want.input_dtype or 'float32'}.")
            why.append("Keras converts every batch to the input's dtype before the first layer sees it: Digits "
                       "pixels are intensities from 0 to 16, and as booleans they all become 0 or 1. Leave the "
                       "dtype out (float32) or use a float type.")
        compare_shapes = want.built and got.built
        keys_want = [_layer_key(layer, compare_shapes) for layer in want.layers]
        keys_got = [_layer_key(layer, compare_shapes) for layer in got.layers]
        matcher = difflib.SequenceMatcher(a=keys_want, b=keys_got, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for offset in range(max(i2 - i1, j2 - j1)):
                w = want.layers[i1 + offset] if i1 + offset < i2 else None
                g = got.layers[j1 + offset] if j1 + offset < j2 else None
                problems.append(_describe_difference(w, g, j1 + offset + 1))
                reason = layer_difference_why(w, g, is_output=(i1 + offset == len(want.layers) - 1))
                if reason and reason not in why:
                    why.append(reason)
        if not problems:
            rows = "; ".join(expected)
            return ctx.passed(f"The layers match: {rows}.", expected, actual)
        fraction = matched / max(len(keys_want), len(keys_got), 1)
        if not input_ok:
            fraction *= 0.5
        return ctx.failed(fraction, " ".join(problems + why), expected, actual)


class ParamsCheck(Check):
    id = "params"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected.params, ctx.actual.params
        assert want is not None, "the reference must be built"
        expected = want.__dict__
        if got is None:
            return ctx.failed(0, f"Keras cannot count the parameters of a model that does not know its input "
                              f"size, so summary() would not show {want.total:,}. Give the first layer "
                              "input_shape=(64,) or start with keras.Input(shape=(64,)).", expected, None)
        actual = got.__dict__
        breakdown = _breakdown(ctx.actual)
        if got.total != want.total:
            return ctx.failed(0, f"Expected {want.total:,} parameters ({_breakdown(ctx.expected)}); found "
                              f"{got.total:,} ({breakdown}). A Dense layer has inputs x units weights plus "
                              "one bias per unit, so the count changes with every layer's width and the "
                              "input size.", expected, actual)
        if got.trainable != want.trainable:
            frozen = [layer.name for layer in ctx.actual.layers if not layer.trainable and layer.params]
            return ctx.failed(0.5, f"The total, {got.total:,}, is right, but {got.trainable:,} are trainable "
                              f"and {got.non_trainable:,} non-trainable where {want.trainable:,} and "
                              f"{want.non_trainable:,} were expected. "
                              + (f"Layer {', '.join(frozen)} is frozen (trainable=False): " if frozen else "")
                              + "frozen weights never change during training, and summary() counts them "
                              "under 'Non-trainable params'.", expected, actual)
        return ctx.passed(f"{got.total:,} parameters ({breakdown}), {got.trainable:,} trainable, as expected.",
                          expected, actual)


class BudgetCheck(Check):
    """Architecture by criteria, for exercises where many designs are right: at least
    ``min_hidden_layers`` hidden Dense layers, at most ``max_params`` parameters, and the
    reference's input shape and output layer. Each criterion is a quarter of the points."""

    id = "budget"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected, ctx.actual
        max_params = int(ctx.config.options.get("max_params", 0))
        min_hidden = int(ctx.config.options.get("min_hidden_layers", 2))
        expected = {"min_hidden_layers": min_hidden, "max_params": max_params,
                    "input_shape": want.input_shape, "output": want.layers[-1].signature()}
        if not got.built or got.params is None or not got.layers:
            return ctx.failed(0, "The model has no input shape, so Keras cannot count its parameters. Give the "
                              "first layer input_shape=(64,) or start with keras.Input(shape=(64,)).", expected, None)
        hidden = [layer for layer in got.layers[:-1] if layer.class_name == "Dense"]
        output = got.layers[-1]
        actual = {"hidden_layers": len(hidden), "params": got.params.total, "input_shape": got.input_shape,
                  "output": output.signature()}
        widths = ", ".join(str(layer.units) for layer in hidden) or "none"
        criteria = [
            (len(hidden) >= min_hidden,
             f"{len(hidden)} hidden Dense layer{'s' if len(hidden) != 1 else ''} (widths {widths}); at least "
             f"{min_hidden} make the network deeper than the wide one"),
            (got.params.total <= max_params,
             f"{got.params.total:,} parameters, {'within' if got.params.total <= max_params else 'over'} the "
             f"budget of {max_params:,}"),
            (got.input_shape == want.input_shape, f"input {format_shape(got.input_shape)}"
             + ("" if got.input_shape == want.input_shape else f", where {format_shape(want.input_shape)} is needed")),
            ((output.units, output.activation) == (want.layers[-1].units, want.layers[-1].activation),
             f"output {output.signature()}" + ("" if (output.units, output.activation) ==
                                               (want.layers[-1].units, want.layers[-1].activation)
                                               else f", where {want.layers[-1].signature()} is needed")),
        ]
        met = sum(ok for ok, _ in criteria)
        summary = "; ".join(text for _, text in criteria) + "."
        if met == len(criteria):
            return ctx.passed(f"Your model: {summary} A deeper, narrower network can match a wide one "
                              "with far fewer weights.", expected, actual)
        return ctx.failed(met / len(criteria), f"Your model: {summary}", expected, actual)


def _holds_pixel_values(dtype: str | None) -> bool:
    """Whether an input dtype keeps Digits' pixel intensities (whole numbers 0 to 16) as they are:
    any float or integer type does; bool does not (None: not known, from an older description)."""
    return dtype is None or dtype.startswith(("float", "bfloat", "int", "uint"))


def _layer_key(layer: LayerSpec, with_shape: bool) -> tuple[Any, ...]:
    key = (layer.class_name, layer.units, layer.activation, tuple(sorted(layer.settings.items())))
    return key + (layer.output_shape,) if with_shape else key


def _layer_rows(spec: ModelSpec) -> list[str]:
    return [f"{layer.signature()} -> {format_shape(layer.output_shape)}" for layer in spec.layers]


def _describe_difference(want: LayerSpec | None, got: LayerSpec | None, position: int) -> str:
    if want is None and got is not None:
        return f"Layer {position}, {got.signature()}, is extra."
    if got is None and want is not None:
        return f"A {want.signature()} layer is missing."
    assert want is not None and got is not None
    return (f"Layer {position} is {got.signature()} -> {format_shape(got.output_shape)}; expected "
            f"{want.signature()} -> {format_shape(want.output_shape)}.")


def _breakdown(spec: ModelSpec) -> str:
    counts = [layer.params for layer in spec.layers if layer.params]
    return " + ".join(f"{count:,}" for count in counts) if counts else "no weights"
