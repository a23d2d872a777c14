"""Detector ``optimizer-state``: optimizer state that no training leaves, or built for other weights.

Runs in the sandboxed child's sender thread. An optimizer is exported by its config, which leaves
out its step counter, its slots (Adam's moments, momentum) and its variables' layout. Its fields
must be what its config rebuilds; its variables laid out as a new optimizer's of that config; its
slot lists may hold only variables it tracks, once each, none of them a model weight; its step
counter is never negative (-1 makes Adam's first update 0/0); and while it is 0 its slots are a
new optimizer's. Once it has stepped (in fit(), or in a loop of the student's own) its slots are
whatever training left, which is not graded: no check tells them from values set by hand. The
LossScaleOptimizer compile() adds for mixed precision keeps a scale no config records: before
the optimizer it wraps steps, only overflowing steps can have halved it. An optimizer built for
other variables than the model's trainable weights makes fit() stop with an error.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext
from grader.integrity.common import (
    ids,
    inner_optimizer,
    instance_dict,
    plain_equal,
    same_plain_state,
    sequence,
)

# What an optimizer records of its build (its variables are compared below).
OPTIMIZER_BOOKKEEPING = frozenset({"built", "_lock", "_variables", "_trainable_variables", "_tracker",
                                   "_trainable_variables_indices"})
MAX_OVERFLOW_HALVINGS = 24  # of a loss scale before the first step (see _loss_scale_problem)


class Kit(NamedTuple):
    loss_scale_optimizer: type
    variable: type  # keras.Variable


class OptimizerState(Detector):
    id = "optimizer-state"
    title = "the optimizer holds state that no training leaves"

    @staticmethod
    def probe() -> Kit:
        import keras

        return Kit(keras.optimizers.LossScaleOptimizer, keras.Variable)

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        model, own = context.model, context.own
        held = instance_dict(model).get("optimizer")
        optimizer = inner_optimizer(held, kit.loss_scale_optimizer)
        weights = {id(weight) for weight in own.weights(model)}
        unfresh = _state_problem(optimizer, own, kit, weights) or _loss_scale_problem(held, kit)
        if unfresh:
            return [f"the optimizer's {unfresh}, which its config does not record, so it would train differently "
                    "from the optimizer the grader rebuilds"]
        if optimizer is not None and id(type(optimizer)) in own.optimizer_classes \
                and instance_dict(optimizer).get("built") is True:
            tracked = set(ids(instance_dict(optimizer).get("_trainable_variables"), own.known_types) or ())
            missing = [weight for weight in model.trainable_variables if id(weight) not in tracked]
            if missing:
                return [f"the optimizer was built for other variables than the model's trainable weights "
                        f"(`{getattr(missing[0], 'path', '?')}` is not among them: built for another model, or before a "
                        "layer was unfrozen), so fit() would stop with an error"]
        return []


def _shared_variable(state: dict[str, Any], model_weights: set[int], own: Any, kit: Kit) -> str:
    """The first of an optimizer's variable fields (``_learning_rate``, ``_iterations``) and slot
    lists (``_momentums``, ``_velocities``, ...), which update_step reads, holding a variable the
    optimizer does not track, one held twice, or one of the model's weights, described; or ''."""
    tracked = set(ids(state.get("_variables"), own.known_types) or ())
    seen: dict[int, str] = {}
    for name, value in state.items():
        if type(name) is not str or name in OPTIMIZER_BOOKKEEPING:
            continue
        found = [value] if isinstance(value, kit.variable) else \
            sequence(value, own.known_types) if isinstance(value, list) else None
        if not found or not all(isinstance(item, kit.variable) for item in found):
            continue
        for item in found:
            if id(item) not in tracked:
                return f"`{name}` holds a variable it does not track (swapped in after it was built)"
            if id(item) in model_weights:
                return f"`{name}` holds one of the model's own weights"
            if id(item) in seen:
                return f"`{name}` and `{seen[id(item)]}` hold the same variable"
            seen[id(item)] = name
    return ""


def _state_problem(optimizer: Any, own: Any, kit: Kit, model_weights: set[int]) -> str:
    """What in a Keras optimizer's state is not where Keras leaves it, or ''."""
    if optimizer is None or id(type(optimizer)) not in own.optimizer_classes:
        return ""  # none, or of the student's own class: graded as custom, never rebuilt
    state = instance_dict(optimizer)
    try:
        fresh = type(optimizer).from_config(optimizer.get_config())
    except Exception:  # noqa: BLE001 - a config its own class cannot read back is not to be trusted
        return "config cannot be read back"
    if not same_plain_state(state, instance_dict(fresh), OPTIMIZER_BOOKKEEPING):
        return "settings are not what its config rebuilds (a field its config leaves out was changed)"
    counter = state.get("_iterations")
    try:
        steps = int(counter.numpy()) if isinstance(counter, kit.variable) else None
    except Exception:  # noqa: BLE001
        steps = None
    if steps is None:
        return "step counter is not a Keras variable"
    built = state.get("built") is True
    variables = sequence(state.get("_trainable_variables"), own.known_types)
    try:
        if built:
            fresh.build(variables)
        held, new = [sequence(instance_dict(opt).get("_variables"), own.known_types) for opt in (optimizer, fresh)]
        same_layout = held is not None and new is not None and len(held) == len(new) and all(
            isinstance(a, kit.variable) and plain_equal(instance_dict(a).get("_path"), instance_dict(b).get("_path"))
            and tuple(a.shape) == tuple(b.shape) and plain_equal(a.dtype, b.dtype) for a, b in zip(held, new))
    except Exception:  # noqa: BLE001 - a state Keras cannot rebuild is not a new optimizer's
        same_layout = False
    if not same_layout:
        return "variables are not the ones a new optimizer of its config has (one added or swapped in)"
    if steps < 0 or (steps > 0 and not built):
        return f"step counter is {steps}, which no training step leaves"
    shared = _shared_variable(state, model_weights, own, kit)
    if shared:
        return shared
    if steps > 0 or not built:
        return ""
    try:
        learning_rate = state.get("_learning_rate")
        same = all(a is learning_rate or bool((a.numpy() == b.numpy()).all()) for a, b in zip(held, new))
    except Exception:  # noqa: BLE001 - a state Keras cannot rebuild is not a new optimizer's
        same = False
    return "" if same else "slot variables (such as Adam's moments) are not a new optimizer's before any training step"


def _loss_scale_problem(optimizer: Any, kit: Kit) -> str:
    """The LossScaleOptimizer compile() adds (neither its scale nor its counter is in a config; a
    scale of 0 makes every gradient NaN). Until the optimizer it wraps has stepped, only steps whose
    gradients overflowed can have run, and each halved the scale and reset the counter: the scale
    is its initial scale halved k times, and k stays small, since once the scaled gradients fit in
    float16 they no longer overflow (k <= 24 takes 2**15 down to 2**-9)."""
    if type(optimizer) is not kit.loss_scale_optimizer:
        return ""
    state = instance_dict(optimizer)
    if state.get("built") is not True:
        return ""  # its scale and counter are made when it is built
    try:
        scale, steps = float(state["dynamic_scale"].numpy()), int(state["step_counter"].numpy())
        inner_steps = int(instance_dict(state["inner_optimizer"])["_iterations"].numpy())
        initial = float(state["initial_scale"])
    except Exception:  # noqa: BLE001
        return "loss scale cannot be read"
    if inner_steps != 0:
        return ""
    halvings = math.log2(initial / scale) if scale > 0 and initial > 0 else -1.0
    if steps != 0 or not (halvings == int(halvings) and 0 <= halvings <= MAX_OVERFLOW_HALVINGS):
        return f"loss scale is {scale} (step counter {steps}) before any training step"
    return ""
