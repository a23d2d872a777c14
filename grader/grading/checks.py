"""Checks: each compares the student's ModelSpec with the reference's and explains the difference.

A check is a class with a stable ``id`` and a ``run`` method, listed once in
``CHECKS``. It never sees Keras objects, only specs, and its message says what
was expected, what was found and why it matters.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, ClassVar

from grader.contract.results import CheckResult
from grader.contract.spec import ACCURACY_ALIASES, LayerSpec, ModelSpec, format_shape
from grader.course.exercise import CheckConfig
from grader.grading.feedback import (
    LOSS_WHY,
    METRIC_WHY,
    OPTIMIZER_WHY,
    SETTING_WHY,
    layer_difference_why,
)


@dataclass(frozen=True)
class CheckContext:
    expected: ModelSpec
    actual: ModelSpec
    config: CheckConfig
    labels: str

    def result(self, status: str, fraction: float, message: str, expected: Any, actual: Any) -> CheckResult:
        points = self.config.points
        return CheckResult(
            id=self.config.id,
            status=status,  # type: ignore[arg-type]
            score=round(points * max(0.0, min(1.0, fraction)), 4),
            max_score=points,
            message=message,
            expected=expected,
            actual=actual,
            hint="" if status == "passed" else self.config.hint,
            visibility=str(self.config.options.get("visibility", "visible")),
        )

    def passed(self, message: str, expected: Any, actual: Any) -> CheckResult:
        return self.result("passed", 1.0, message, expected, actual)

    def failed(self, fraction: float, message: str, expected: Any, actual: Any) -> CheckResult:
        return self.result("failed", fraction, message, expected, actual)


class Check:
    """Contract: ``run`` returns exactly one CheckResult and never raises for any pair of specs."""

    id: ClassVar[str]

    def run(self, ctx: CheckContext) -> CheckResult:
        raise NotImplementedError


NOT_COMPILED = ("The model is not compiled, so it has no {what}. Call model.compile(optimizer=..., "
                "loss=..., metrics=[...]) after building it: Keras cannot train a model until it knows "
                "how to measure its error and how to update its weights.")


class OptimizerCheck(Check):
    id = "optimizer"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected.optimizer, ctx.actual.optimizer
        assert want is not None, "the reference must be compiled"
        compared = list(ctx.config.options.get("compare", ["learning_rate"]))
        tolerance = float(ctx.config.options.get("tolerance", 1e-6))
        expected = {"class": want.class_name, **{k: want.config.get(k) for k in compared}}
        if got is None:
            return ctx.failed(0, NOT_COMPILED.format(what="optimizer"), expected, None)
        actual = {"class": got.class_name, **{k: got.config.get(k) for k in compared}}
        if got.class_name != want.class_name:
            why = OPTIMIZER_WHY.get(want.class_name, "")
            return ctx.failed(0, f"Expected the {want.class_name} optimizer; found {got.class_name}. {why}",
                              expected, actual)
        wrong = [k for k in compared if not _close(want.config.get(k), got.config.get(k), tolerance)]
        if wrong:
            details = "; ".join(f"{k} is {got.config.get(k)} where {want.config.get(k)} was expected" for k in wrong)
            why = " ".join(SETTING_WHY[k] for k in wrong if k in SETTING_WHY)
            return ctx.failed(0.5, f"{got.class_name} is the right optimizer, but {details}. {why}".strip(),
                              expected, actual)
        # What the exercise does not name must stay as the reference has it (the optimizer's defaults).
        others = sorted((want.config.keys() | got.config.keys()) - set(compared))
        changed = [k for k in others if not _close(want.config.get(k), got.config.get(k), tolerance)]
        if changed:
            details = "; ".join(f"{k} is {got.config.get(k)} where {want.config.get(k)} was expected" for k in changed)
            return ctx.failed(0.5, f"{got.class_name} is the right optimizer, but {details}. The exercise keeps "
                              f"{got.class_name}'s other settings as they are: changing them changes how (and "
                              "whether) it learns.", expected, actual)
        settings = ", ".join(f"{k}={got.config.get(k)}" for k in compared)
        return ctx.passed(f"{got.class_name}" + (f" with {settings}" if settings else "") + ", as expected.",
                          expected, actual)


class LossCheck(Check):
    id = "loss"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected.loss, ctx.actual.loss
        assert want is not None, "the reference must be compiled"
        expected = {"name": want.name, "from_logits": want.from_logits}
        if got is None:
            return ctx.failed(0, NOT_COMPILED.format(what="loss function"), expected, None)
        actual = {"name": got.name, "from_logits": got.from_logits}
        if not got.known:
            return ctx.failed(0, f"The loss `{got.written}` is not a Keras loss, so the grader cannot verify it. "
                              f"Expected {want.name}. {LOSS_WHY.get(want.name, '')}", expected, actual)
        if got.name != want.name:
            return ctx.failed(0, f"Expected {want.name}; found {got.name}"
                              f"{_written_note(got.written, got.name)}. {LOSS_WHY.get((want.name, got.name)) or LOSS_WHY.get(want.name, '')}",
                              expected, actual)
        if got.weights != want.weights:
            return ctx.failed(0, f"{got.name} is the right loss, but compile() was given loss_weights="
                              f"{got.weights}, which multiplies it (by 0, nothing is learned at all). The exercise "
                              "asks for the loss as it is: leave loss_weights out.", expected, actual)
        if got.settings != want.settings:
            changed = ", ".join(f"{key}={value}" for key, value in sorted(got.settings.items()))
            example = ("a dtype of float16, for one, computes it where small probabilities round to 0"
                       if "dtype" in got.settings else "ignore_class, for one, leaves a class out of training")
            return ctx.failed(0, f"{got.name} is the right loss, but it was given {changed or 'other settings'}, "
                              f"which changes what it measures ({example}). The exercise asks for the loss with its "
                              "default settings.", expected, actual)
        output = _output_activation(ctx.actual) or _output_activation(ctx.expected)
        right_logits = _expected_from_logits(output, want.from_logits) if "crossentropy" in want.name \
            else want.from_logits
        if got.from_logits != right_logits:
            if got.from_logits:
                why = (f"from_logits=True tells the loss that the outputs are raw scores (logits), but the last "
                       f"layer applies {output}, so they are probabilities. Keras 3 on TensorFlow notices this, "
                       f"warns, and uses the scores from before the {output}; anywhere it cannot (other "
                       f"backends, or the loss used on its own), {output} is applied twice and the loss is "
                       f"computed on the wrong numbers. Leave from_logits at its default (False) when the "
                       f"output layer has a {output} activation.")
            else:
                why = ("The output layer has no activation, so it produces raw scores (logits), but the loss "
                       "treats them as probabilities: it computes on meaningless numbers and the model trains "
                       "badly (on Digits, about 23 % accuracy after 5 epochs instead of 97 %). Pass "
                       "from_logits=True, or give the output layer a softmax activation.")
            return ctx.failed(1 / 3, f"{got.name} is the right loss, but from_logits={got.from_logits}. {why}",
                              expected, actual)
        return ctx.passed(f"{got.name}{_written_note(got.written, got.name)}, as expected. "
                          f"{LOSS_WHY.get(want.name, '')}".strip(), expected, actual)


class MetricsCheck(Check):
    id = "metrics"

    def run(self, ctx: CheckContext) -> CheckResult:
        expected = [m.name for m in ctx.expected.metrics]
        if not ctx.actual.compiled:
            return ctx.failed(0, NOT_COMPILED.format(what="metrics"), expected, None)
        got = ctx.actual.metrics
        actual = [m.name for m in got]
        found = [next((g for g in got if _same_metric(want, g)), None) for want in ctx.expected.metrics]
        used = {id(g) for g in found if g is not None}
        extra = [g for g in got if id(g) not in used]
        missing = [want for want, match in zip(ctx.expected.metrics, found) if match is None]
        if not missing:
            shown = ", ".join(_metric_label(g) for g in found if g is not None)
            note = f" (also reports {', '.join(g.name for g in extra)}, which does no harm)" if extra else ""
            return ctx.passed(f"Reports {shown}{note}, as expected.", expected, actual)
        parts = []
        for want in missing:
            wrong = next((g for g in extra if (want.name, g.name) in METRIC_WHY), None)
            if wrong is not None:
                parts.append(f"Expected {want.name}; found {_metric_label(wrong)}. {METRIC_WHY[(want.name, wrong.name)]}")
            else:
                parts.append(f"Expected {want.name}, which metrics=[{want.written!r}] gives here. "
                             f"{METRIC_WHY.get(want.name, '')}")
        if not got:
            parts.append("No metrics were given, so training and evaluation would report only the loss.")
        return ctx.failed(1 - len(missing) / len(expected), " ".join(parts), expected, actual)


def _same_metric(want: Any, got: Any) -> bool:
    """Same metric, or 'accuracy' written as the reference wrote it: Keras then picks the accuracy that
    fits the student's own outputs and labels, so an architecture mistake is not a metric mistake."""
    return got.name == want.name or (want.written.lower() in ACCURACY_ALIASES
                                     and got.written.lower() in ACCURACY_ALIASES)


def _metric_label(metric: Any) -> str:
    return f"{metric.written!r} ({metric.name})" if metric.written != metric.name else repr(metric.name)


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


class BehaviourCheck(Check):
    """Trains the rebuilt model as compiled (seeded, a few epochs) and judges the held-out score.

    Options: ``epochs``, ``target`` (see grader.describer.trial), and ``min_accuracy`` or ``max_error``.
    """

    id = "behaviour"

    def run(self, ctx: CheckContext) -> CheckResult:
        want, got = ctx.expected.behaviour or {}, ctx.actual.behaviour or {}
        options = ctx.config.options
        expected = {"score_name": want.get("score_name"), "reference_score": want.get("score")}
        if "error" in got or ("losses" not in got and "evaluated" not in got):
            return ctx.failed(0, got.get("error", "The model could not be trained, so how it learns is unknown."),
                              expected, got or None)
        if "evaluated" in got:
            return _judge_trained_weights(ctx, want, got, expected)
        losses, score, name = got["losses"], got.get("score"), got["score_name"]
        actual = {"score_name": name, "score": score, "first_loss": losses[0], "last_loss": losses[-1]}
        lower_is_better = "max_error" in options
        bound = float(options.get("max_error", options.get("min_accuracy", 0.0)))
        good = score is not None and (score <= bound if lower_is_better else score >= bound)
        fell = losses[-1] < losses[0]
        shown = "n/a" if score is None else (f"{score:.2f}" if lower_is_better else f"{score:.1%}")
        bound_shown = f"{bound:.2f}" if lower_is_better else f"{bound:.0%}"
        reference = want.get("score")
        ref_shown = "" if reference is None else (f"; the reference solution reaches "
                                                  f"{reference:.2f}" if lower_is_better else
                                                  f"; the reference solution reaches {reference:.1%}")
        trace = (f"Trained as compiled for {got['epochs']} epochs on {got['train_size']:,} Digits images (same "
                 f"seed every time): loss {losses[0]:.3f} -> {losses[-1]:.3f}, held-out {name} {shown} on "
                 f"{got['test_size']} images it never saw{ref_shown}.")
        if good and fell:
            return ctx.passed(trace, expected, actual)
        return ctx.failed(0, f"{trace} {'At most' if lower_is_better else 'At least'} {bound_shown} is expected"
                          f"{'' if fell else ', and the loss should fall'}. A model can compile and still not "
                          "learn: check that the output layer, the loss and its from_logits setting agree.",
                          expected, actual)


def _judge_trained_weights(ctx: CheckContext, want: dict[str, Any], got: dict[str, Any],
                           expected: dict[str, Any]) -> CheckResult:
    """The student's own trained weights, measured on the held-out quarter of Digits."""
    bound = float(ctx.config.options.get("min_accuracy", 0.0))
    score = got.get("score")
    actual = {"score_name": "accuracy", "score": score}
    shown = "n/a" if score is None else f"{score:.1%}"
    message = (f"Your trained model, measured on {got['test_size']} Digits images it never saw: accuracy "
               f"{shown} (at least {bound:.0%} is expected).")
    if score is not None and score >= bound:
        return ctx.passed(message, expected, actual)
    return ctx.failed(0, message + " Train for more epochs, check the loss and the output layer, and make "
                      "sure the model you fit is the one in `model`.", expected, actual)


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


class QuizCheck(Check):
    """Values the student works out about the given model (output shapes, parameter counts), handed
    in as a dict in the variable named by the ``variable`` option. The right answers are read off
    the reference's rebuilt model, never typed in."""

    id = "quiz"

    def run(self, ctx: CheckContext) -> CheckResult:
        expected = quiz_answers(ctx.expected)
        variable = str(ctx.config.options.get("variable", "answers"))
        given = (ctx.actual.submitted or {}).get(variable)
        if not isinstance(given, dict):
            return ctx.failed(0, f"No answers found: the exercise expects a dict called `{variable}` with "
                              f"the keys {', '.join(expected)}.", expected, given)
        wrong = [key for key, value in expected.items() if given.get(key) != value]
        if not wrong:
            return ctx.passed(f"All {len(expected)} answers are right: {expected['total_params']:,} parameters "
                              "in all, as summary() reports.", expected, given)
        explained = [f"{key}: you wrote {given.get(key)!r}; it is {_explain_answer(ctx.expected, key)}"
                     for key in wrong]
        return ctx.failed((len(expected) - len(wrong)) / len(expected), " ".join(
            [f"{len(expected) - len(wrong)} of {len(expected)} answers are right."] + [e + "." for e in explained]),
            expected, given)


def quiz_answers(spec: ModelSpec) -> dict[str, Any]:
    """The answers about ``spec``'s layers: each one's output shape and parameters, and the total."""
    answers: dict[str, Any] = {}
    for number, layer in enumerate(spec.layers, start=1):
        answers[f"layer{number}_output_shape"] = list(layer.output_shape) if layer.output_shape else None
        answers[f"layer{number}_params"] = layer.params
    answers["total_params"] = spec.params.total if spec.params else None
    return answers


def _explain_answer(spec: ModelSpec, key: str) -> str:
    value = quiz_answers(spec)[key]
    match = re.match(r"layer(\d+)_params", key)
    if match:
        index = int(match.group(1)) - 1
        layer = spec.layers[index]
        inputs = (spec.layers[index - 1].output_shape if index else spec.input_shape) or (None,)
        if layer.class_name == "Dense" and inputs[-1]:
            return (f"{value:,} = {inputs[-1]} inputs x {layer.units} units + {layer.units} biases")
    if key == "total_params":
        return f"{value:,}, the sum of every layer's parameters"
    if key.endswith("_output_shape"):
        return f"{value} (the batch size, None, then the layer's units)"
    return repr(value)


# The checks that judge model.compile(...); an exercise without them only asks for an architecture.
COMPILE_CHECKS = frozenset({"optimizer", "loss", "metrics"})

CHECKS: MappingProxyType[str, type[Check]] = MappingProxyType(
    {cls.id: cls for cls in (OptimizerCheck, LossCheck, MetricsCheck, LayersCheck, ParamsCheck, BehaviourCheck,
                             BudgetCheck, QuizCheck)}
)


def _holds_pixel_values(dtype: str | None) -> bool:
    """Whether an input dtype keeps Digits' pixel intensities (whole numbers 0 to 16) as they are:
    any float or integer type does; bool does not (None: not known, from an older description)."""
    return dtype is None or dtype.startswith(("float", "bfloat", "int", "uint"))


def _close(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=tolerance, abs_tol=1e-12)
    return a == b


def _written_note(written: str, name: str) -> str:
    return f" (written {written})" if written and written != name else ""


def _output_activation(spec: ModelSpec) -> str | None:
    return spec.layers[-1].activation if spec.layers else None


def _expected_from_logits(output_activation: str | None, reference: bool) -> bool:
    """Whether the loss should get from_logits=True, judged from the student's own output layer."""
    if output_activation in ("softmax", "sigmoid"):
        return False
    if output_activation == "linear":
        return True
    return reference


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
