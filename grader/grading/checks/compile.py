"""Checks of ``model.compile(...)``: the optimizer and its settings, the loss, the metrics.

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import math
from typing import Any

from grader.contract.results import CheckResult
from grader.contract.spec import ACCURACY_ALIASES, ModelSpec
from grader.grading.checks.base import Check, CheckContext
from grader.grading.feedback import LOSS_WHY, METRIC_WHY, OPTIMIZER_WHY, SETTING_WHY

NOT_COMPILED = ("The model is not compiled, so it has no {what}. Call model.compile(optimizer=..., "
                "loss=..., metrics=[...]) after building it: Keras cannot train a model until it knows "
                "how to measure its error and how to update its weights.")


class OptimizerCheck(Check):
    id = "optimizer"
    needs = frozenset({"compile"})

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
    needs = frozenset({"compile"})

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
                       f"badly{_measured_accuracy(ctx.actual, ctx.expected)}. Pass from_logits=True, or give the "
                       "output layer a softmax activation.")
            return ctx.failed(1 / 3, f"{got.name} is the right loss, but from_logits={got.from_logits}. {why}",
                              expected, actual)
        return ctx.passed(f"{got.name}{_written_note(got.written, got.name)}, as expected. "
                          f"{LOSS_WHY.get(want.name, '')}".strip(), expected, actual)


class MetricsCheck(Check):
    id = "metrics"
    needs = frozenset({"compile"})

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


def _close(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=tolerance, abs_tol=1e-12)
    return a == b


def _written_note(written: str, name: str) -> str:
    return f" (written {written})" if written and written != name else ""


def _output_activation(spec: ModelSpec) -> str | None:
    return spec.layers[-1].activation if spec.layers else None


def _measured_accuracy(actual: ModelSpec, expected: ModelSpec) -> str:
    """The accuracy this exercise's trial training measured for the model and for the reference, as a
    parenthesis; '' when the exercise measured none (a number from another model would not hold here)."""
    got, want = actual.behaviour or {}, expected.behaviour or {}
    scores = [run.get("score") if run.get("score_name") == "accuracy" else None for run in (got, want)]
    if any(not isinstance(score, (int, float)) for score in scores):
        return ""
    epochs = f" after {got['epochs']} epochs" if isinstance(got.get("epochs"), int) else ""
    return (f" (measured here: {scores[0]:.0%} accuracy on held-out digits{epochs}, where the reference "
            f"reaches {scores[1]:.0%})")


def _expected_from_logits(output_activation: str | None, reference: bool) -> bool:
    """Whether the loss should get from_logits=True, judged from the student's own output layer."""
    if output_activation in ("softmax", "sigmoid"):
        return False
    if output_activation == "linear":
        return True
    return reference
