"""Checks of what the student works out about a given model (output shapes, parameter counts).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import re
from typing import Any

from grader.contract.results import CheckResult
from grader.contract.spec import ModelSpec
from grader.grading.checks.base import Check, CheckContext


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
