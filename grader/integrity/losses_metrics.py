"""Detector ``losses-metrics``: loss and metric objects that are not what their configs describe.

Runs in the sandboxed child's sender thread. A Keras loss or metric object given to compile() is
exported by its config, and fit() computes with the object: it must be what a new object of its
class made from that config is (the same inner function, the same fields, its dtype policy's
included). fit() and evaluate() also add a model's own activity regularizer to the loss (Keras does
not save it with a Sequential or functional model), report what layers track in ``_metrics`` and
what the model's ``_loss_tracker`` averages, and add what ``_losses_override`` lists.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import types
from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, needs
from grader.integrity.common import (
    PLAIN_TYPES,
    compile_settings,
    instance_dict,
    items,
    keras_model_classes,
    layer_name,
    policy_name,
    real_name,
    same_plain_state,
    sequence,
)

# Fields of a loss or metric that record what it has done (set by its first update), and the lists
# that track its variables.
LOSS_METRIC_BOOKKEEPING = frozenset({"built", "_built", "_build_input_shape", "_metrics", "_variables", "_tracker"})


class Kit(NamedTuple):
    loss_objects: frozenset[int]  # ids of Keras' loss classes and functions
    metric_objects: frozenset[int]
    mean: type  # keras.metrics.Mean, what fit() and evaluate() average the loss with
    flatten_layers: Any
    model_classes: frozenset[int]


class LossesMetrics(Detector):
    id = "losses-metrics"
    title = "a loss or metric object is not what its configuration describes"

    @staticmethod
    def probe() -> Kit:
        import keras

        def members(module: Any) -> frozenset[int]:
            return frozenset(id(value) for value in vars(module).values() if callable(value))

        models = frozenset(id(klass) for klass in keras_model_classes(keras.Model))
        return Kit(members(keras.losses), members(keras.metrics), keras.metrics.Mean,
                   needs("keras", "Layer._flatten_layers"), models)

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        model = context.model
        layers = [model, *kit.flatten_layers(model, include_self=False, recursive=True)]
        evidence = []
        settings = compile_settings(model, context.own.known_types) or {}
        for key in ("loss", "metrics", "weighted_metrics"):
            for item in items(settings.get(key)):
                kind = id(type(item))
                if type(item) is str or type(item) is types.FunctionType or id(item) in context.custom:
                    continue
                if (kind in kit.loss_objects or kind in kit.metric_objects) and not same_as_rebuilt(item):
                    evidence.append(f"the {key} `{real_name(type(item))}` given to compile() is not what its own config "
                                    "rebuilds (another inner function, or a field its config leaves out, such as its "
                                    "`_dtype`, changed)")
        for layer in layers:
            if instance_dict(layer).get("_losses_override"):
                evidence.append(f"`{layer_name(layer)}` reports other losses than its own (`_losses_override`), "
                                "which fit() would add to the loss")
        tracker = instance_dict(model).get("_loss_tracker")
        if tracker is not None and (type(tracker) is not kit.mean or not same_plain_state(
                instance_dict(tracker), instance_dict(kit.mean(name="loss")), LOSS_METRIC_BOOKKEEPING)):
            evidence.append("the loss fit() and evaluate() report is not Keras' mean of the loss (`_loss_tracker` "
                            "was replaced)")
        for layer in layers:
            if id(type(layer)) in kit.model_classes and instance_dict(layer).get("activity_regularizer") is not None:
                evidence.append(f"the model `{layer_name(layer)}` itself has an activity regularizer, which fit() adds "
                                "to the loss and which Keras does not save with a Sequential or functional model")
            if sequence(instance_dict(layer).get("_metrics"), context.own.known_types):
                evidence.append(f"`{layer_name(layer)}` tracks metrics of its own (`_metrics`), which fit() and "
                                "evaluate() would report in place of the compiled ones")
        return evidence[:3]


def full_config(obj: Any) -> dict[str, Any]:
    """A Keras loss's or metric's config, with the dtype it computes in, which a loss's leaves out
    (``dtype="float16"`` is a choice of the student's, which the export then carries)."""
    config = obj.get_config()
    return config if "dtype" in config else {**config, "dtype": policy_name(obj)}


def same_as_rebuilt(obj: Any) -> bool:
    """A Keras loss or metric is what a fresh object of its class, made from its config, is: the
    same inner function (by identity, as a function is saved by name) and plain keyword arguments,
    and the same plain fields, its dtype policy's included. What get_config leaves out (a loss's
    ``_dtype``, its ``reduction`` in some classes) is what the object computes with all the same."""
    state = instance_dict(obj)
    try:
        fresh = instance_dict(type(obj).from_config(full_config(obj)))
    except Exception:  # noqa: BLE001 - a config its own class cannot read back is not to be trusted
        return False
    kwargs = state.get("_fn_kwargs", {})
    if not isinstance(kwargs, dict) or any(type(value) not in PLAIN_TYPES for value in kwargs.values()):
        return False
    if not all(state.get(name) is fresh.get(name) for name in ("fn", "_fn")):
        return False
    return same_plain_state(state, fresh, LOSS_METRIC_BOOKKEEPING)

