"""Checks of the architecture: the layers in order, the parameter counts, a budget of depth and size.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import difflib
from typing import Any

from grader.contract.layers import comparable, layer_settings, shown
from grader.contract.results import CheckResult
from grader.contract.spec import LayerSpec, ModelSpec, format_shape
from grader.grading.checks.base import Check, CheckContext
from grader.grading.feedback import (
    input_advice,
    input_meaning,
    input_why,
    layer_difference_why,
    params_why,
)


class LayersCheck(Check):
    """Each layer's class and defining settings, in order, and the input. A difference is reported at
    the layer where it arises; output shapes that differ only because of an earlier difference are
    explained in one sentence, not counted again."""

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
            why.append(f"{input_advice(want.input_shape)}: {input_meaning(want.input_shape)}.")
        elif not input_ok:
            problems.append(f"The input shape is {format_shape(got.input_shape)}; expected "
                            f"{format_shape(want.input_shape)}.")
            why.append(input_why(want.input_shape))
        if got.built and not _holds_pixel_values(got.input_dtype):
            input_ok = False
            problems.append(f"The input dtype is {got.input_dtype}; expected {want.input_dtype or 'float32'}.")
            why.append("Keras converts every batch to the input's dtype before the first layer sees it: Digits "
                       "pixels are intensities from 0 to 16, and as booleans they all become 0 or 1. Leave the "
                       "dtype out (float32) or use a float type.")
        matched = _compare_layers(want, got, problems, why)
        if not problems:
            rows = "; ".join(expected)
            return ctx.passed(f"The layers match: {rows}.", expected, actual)
        fraction = matched / max(len(want.layers), len(got.layers), 1)
        if not input_ok:
            fraction *= 0.5
        return ctx.failed(fraction, " ".join(problems + why), expected, actual)


# The one sentence on output shapes that differ only because of earlier differences, by what caused them.
CONSEQUENCE = {
    "input": "The output shapes of the layers differ as a consequence.",
    "one": "The output shapes of the layers after it differ as a consequence.",
    "many": "The output shapes of the layers after these differ as a consequence.",
}


class ParamsCheck(Check):
    id = "params"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected.params, ctx.actual.params
        assert want is not None, "the reference must be built"
        expected = want.__dict__
        if got is None:
            return ctx.failed(0, f"Keras cannot count the parameters of a model that does not know its input "
                              f"size, so summary() would not show {want.total:,}. "
                              f"{input_advice(ctx.expected.input_shape)}.", expected, None)
        actual = got.__dict__
        breakdown = _breakdown(ctx.actual)
        if got.total != want.total:
            first, differing = _count_differences(ctx.expected, ctx.actual)
            return ctx.failed(0, " ".join(filter(None, [
                f"Expected {want.total:,} parameters ({_breakdown(ctx.expected)}); found {got.total:,} ({breakdown}).",
                first, params_why(differing)])), expected, actual)
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
            return ctx.failed(0, "The model has no input shape, so Keras cannot count its parameters. "
                              f"{input_advice(want.input_shape)}.", expected, None)
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


def _compare_layers(want: ModelSpec, got: ModelSpec, problems: list[str], why: list[str]) -> int:
    """Add each difference between the two lists of layers to ``problems`` (and why it matters to ``why``),
    at the layer where it arises; return how many layers are right as written. A layer whose class and
    settings match but whose output shape differs after an earlier difference (or another input shape)
    is right as written: the consequence is said once, at the end."""
    compare_shapes = want.built and got.built
    causes = ["input"] if compare_shapes and got.input_shape != want.input_shape else []
    consequences = matched = 0
    moved = _moved_layers(want, got)
    matcher = difflib.SequenceMatcher(a=[_layer_key(layer) for layer in want.layers],
                                      b=[_layer_key(layer) for layer in got.layers], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for w, g, position in zip(want.layers[i1:i2], got.layers[j1:j2], range(j1 + 1, j2 + 1)):
                if not compare_shapes or w.output_shape == g.output_shape:
                    matched += 1
                elif causes:
                    matched += 1
                    consequences += 1
                else:  # nothing before it explains the shape: a difference of its own
                    problems.append(f"Layer {position} is {g.signature()} -> {format_shape(g.output_shape)}; "
                                    f"expected {w.signature()} -> {format_shape(w.output_shape)}.")
                    causes.append("layer")
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            w = want.layers[i1 + offset] if i1 + offset < i2 else None
            g = got.layers[j1 + offset] if j1 + offset < j2 else None
            if _moved(w, g, moved):
                continue
            problems.append(_describe_difference(w, g, j1 + offset + 1))
            causes.append("layer")
            reason = layer_difference_why(w, g, is_output=(i1 + offset == len(want.layers) - 1),
                                          following=tuple(got.layers[j1 + offset + 1:]))
            if reason and reason not in why:
                why.append(reason)
    if moved:
        names = ", ".join(layer.signature() for layer in moved)
        problems.append(f"{names} {'is' if len(moved) == 1 else 'are'} in another place in the list of layers "
                        "than expected.")
        why.append("The order of the layers is part of the architecture: each layer works on what the one "
                   "before it outputs.")
    if consequences:
        problems.append(CONSEQUENCE["input" if causes == ["input"] else "one" if len(causes) == 1 else "many"])
    return matched


def _moved_layers(want: ModelSpec, got: ModelSpec) -> list[LayerSpec]:
    """The student's layers that the exercise's model has too, but elsewhere: the same layers, in
    another order (each both extra where it is and missing where it should be)."""
    wanted = sorted(map(repr, map(_layer_key, want.layers)))
    if wanted != sorted(map(repr, map(_layer_key, got.layers))):
        return []
    matcher = difflib.SequenceMatcher(a=[_layer_key(layer) for layer in want.layers],
                                      b=[_layer_key(layer) for layer in got.layers], autojunk=False)
    return [layer for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" for layer in got.layers[j1:j2]]


def _moved(want: LayerSpec | None, got: LayerSpec | None, moved: list[LayerSpec]) -> bool:
    """Whether a difference is one of the moved layers (reported once, together)."""
    return (got is not None and any(got is layer for layer in moved)) or \
        (got is None and want is not None and any(_layer_key(want) == _layer_key(layer) for layer in moved))


def _layer_key(layer: LayerSpec) -> tuple[Any, ...]:
    """What a layer is, for matching two lists of layers: its class and settings, not its output shape."""
    return (layer.class_name, layer.units, layer.activation, comparable(layer.settings), comparable(layer.config))


def _layer_rows(spec: ModelSpec) -> list[str]:
    return [f"{layer.signature()} -> {format_shape(layer.output_shape)}" for layer in spec.layers]


def _describe_difference(want: LayerSpec | None, got: LayerSpec | None, position: int) -> str:
    if want is None and got is not None:
        return f"Layer {position}, {got.signature()}, is extra."
    if got is None and want is not None:
        return f"A {want.signature()} layer is missing."
    assert want is not None and got is not None
    named = "; ".join(_setting_differences(want, got)) if got.class_name == want.class_name else ""
    return f"Layer {position} is {got.signature()}; expected {want.signature()}" + (f": {named}." if named else ".")


def _setting_differences(want: LayerSpec, got: LayerSpec) -> list[str]:
    """Each defining setting of two layers of one class that differs, named: 'it has 32 filters where
    16 are expected', 'its kernel size is 5x5 where 3x3 is expected'."""
    phrases = []
    if got.units != want.units and None not in (got.units, want.units):
        phrases.append(_counted("unit", got.units, want.units))
    if got.activation != want.activation and None not in (got.activation, want.activation):
        phrases.append(f"its activation is {got.activation} where {want.activation} is expected")
    for setting in layer_settings(want.class_name):
        key, w, g = setting.key, want.config.get(setting.key), got.config.get(setting.key)
        if comparable(w) == comparable(g):
            continue
        if key not in want.config:
            phrases.append(f"it sets {key}={shown(setting, g)} where Keras' default is expected")
        elif key not in got.config:
            phrases.append(f"it leaves {key} at Keras' default where {key}={shown(setting, w)} is expected")
        elif setting.counted:
            phrases.append(_counted(setting.noun, g, w))
        else:
            phrases.append(f"its {setting.noun} is {shown(setting, g)} where {shown(setting, w)} is expected")
    return phrases


def _counted(noun: str, got: Any, want: Any) -> str:
    return f"it has {got} {noun}{'' if got == 1 else 's'} where {want} {'is' if want == 1 else 'are'} expected"


def _count_differences(want: ModelSpec, got: ModelSpec) -> tuple[str, list[LayerSpec]]:
    """The first layer whose parameter count differs from the expected one's, in a sentence, and the
    layers whose counts differ (the student's; the expected one too where it is missing or of another
    class), to explain how each kind counts. Layers are paired by class name, in order."""
    matcher = difflib.SequenceMatcher(a=[layer.class_name for layer in want.layers],
                                      b=[layer.class_name for layer in got.layers], autojunk=False)
    first, differing = "", []
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(max(i2 - i1, j2 - j1)):
            w = want.layers[i1 + offset] if i1 + offset < i2 else None
            g = got.layers[j1 + offset] if j1 + offset < j2 else None
            if w is not None and g is not None and w.params != g.params:
                differing += [g] if g.class_name == w.class_name else [w, g]
                sentence = (f"The first count that differs is layer {j1 + offset + 1}'s, {g.signature()}: "
                            f"{g.params or 0:,} where {w.params or 0:,} are expected.")
            elif g is not None and w is None and g.params:
                differing.append(g)
                sentence = f"Layer {j1 + offset + 1}, {g.signature()}, is extra and holds {g.params:,} parameters."
            elif w is not None and g is None and w.params:
                differing.append(w)
                sentence = f"A {w.signature()} layer with {w.params:,} parameters is missing."
            else:
                continue
            first = first or sentence
    return first, differing


def _breakdown(spec: ModelSpec) -> str:
    counts = [layer.params for layer in spec.layers if layer.params]
    return " + ".join(f"{count:,}" for count in counts) if counts else "no weights"
