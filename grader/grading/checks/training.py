"""Checks of how the model trains: a seeded trial training, or the student's own trained weights,
measured on held-out Digits images by the describer (``grader.describer.trial``).

Runs in: the user's process (CLI, notebook, pytest); imports no TensorFlow or Keras.
"""

from __future__ import annotations

from typing import Any

from grader.contract.results import CheckResult
from grader.grading.checks.base import Check, CheckContext


class BehaviourCheck(Check):
    """Trains the rebuilt model as compiled (seeded, a few epochs) and judges the held-out score.

    Options: ``epochs``, and ``min_accuracy`` or ``max_error``. The model is fit to the exercise's labels
    (see grader.describer.trial).
    """

    id = "behaviour"
    needs = frozenset({"trial"})

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
