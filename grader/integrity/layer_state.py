"""Detector ``layer-state``: weights and layer fields that the model rebuilt from its config lacks.

Collected in the sandboxed child's sender (``collect``), compared in the trusted describer with the
model it rebuilt from the exported config (``inspect``). A config edited after the layers were built
(``layer.units = 512`` on a built Dense(256)) describes other weights than the layer has; a variable
frozen, regularised or constrained behind its layer's back, or a plain field set on a layer
(Dropout's ``_call_has_training_arg``, a dtype policy's ``_compute_dtype``) changes how it trains
and computes while its config says otherwise. Every layer's plain fields are compared with the
rebuilt layer's, except what records where a layer sits or what it has done; models (the top one and
nested ones) on the fields that decide how they call their graph.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, needs
from grader.integrity.common import instance_dict, plain_json

# A layer's fields that record where it sits or what it has done (they differ between a model
# that ran and the same model just rebuilt), and the lists that track its variables and
# sublayers (its weights are compared one by one).
LAYER_BOOKKEEPING = frozenset({
    "built", "_called", "_lock", "_path", "_parent_path", "_build_shapes_dict", "_saved_model_inputs_spec",
    "_saved_model_arg_spec", "_layers", "_metrics", "_trainable_variables", "_non_trainable_variables",
    "_seed_generators", "_tracker", "_input_shape_arg", "_auto_config",
    "_build_input_shape",  # Normalization's, set by adapt() and read to validate later shapes only
})
# Flags a layer reads with a default of False, which loading weights sets to False (Dense and
# EinsumDense: whether quantized weights were calibrated), so False is the same as absent.
UNSET_WHEN_FALSE = ("is_gptq_calibrated", "is_awq_calibrated")
# The fields of a model itself that decide how it calls its graph (the rest is compile and fit state).
MODEL_FIELDS = frozenset({"autocast", "_convert_input_args", "_allow_non_tensor_positional_args",
                          "_call_has_training_arg", "_call_has_mask_arg", "_supports_masking", "_trainable",
                          "_remat_mode", "supports_jit", "_dtype_policy", "_resolved_dtypes"})


class Kit(NamedTuple):
    flatten_layers: Any
    input_layer: type
    model_base: type


class LayerState(Detector):
    id = "layer-state"
    title = "the model's weights or layer settings are not what its configuration describes"
    stage = "describer"

    @staticmethod
    def probe() -> Kit:
        import keras

        return Kit(needs("keras", "Layer._flatten_layers"), keras.layers.InputLayer, keras.Model)

    @staticmethod
    def collect(context: ModelContext, kit: Kit) -> dict[str, Any]:
        """What the describer compares, from the student's model (in the child's sender)."""
        weights = context.own.weights(context.model)
        return {"weight_shapes": [[int(size) for size in weight.shape] for weight in weights],
                "weight_state": [weight_state(weight) for weight in weights],
                "layer_state": [layer_state(layer, id(type(layer)) in context.own.model_classes)
                                for layer in kit.flatten_layers(context.model, include_self=True, recursive=True)
                                if type(layer) is not kit.input_layer]}

    @staticmethod
    def inspect(context: tuple[Any, Any], kit: Kit) -> list[str]:
        """``context``: the model the describer rebuilt, and what ``collect`` sent."""
        model, collected = context
        collected = collected if isinstance(collected, dict) else {}
        if collected.get("weight_shapes") != [[int(size) for size in weight.shape] for weight in model.weights]:
            return ["the model's config does not match its own weights (layer attributes such as `units` changed "
                    "after the layers were built), so the model it describes is not the one the code built"]
        if collected.get("weight_state") != [weight_state(weight) for weight in model.weights]:
            return ["some of the model's weights were frozen, regularised or constrained one variable at a time, or "
                    "hold another dtype than their layer's config says, which the config does not record"]
        layers = [layer for layer in kit.flatten_layers(model, include_self=True, recursive=True)
                  if type(layer) is not kit.input_layer]
        states = [layer_state(layer, isinstance(layer, kit.model_base)) for layer in layers]
        exported = collected.get("layer_state")
        if not isinstance(exported, list) or len(exported) != len(states):
            return ["the model's layers are not the ones its config describes"]
        for layer, ours, theirs in zip(layers, states, exported):
            if theirs == ours:
                continue
            theirs = theirs if isinstance(theirs, dict) else {}
            field = next(name for name in sorted(set(ours) | set(theirs), key=str)
                         if ours.get(name, ...) != theirs.get(name, ...))
            return [f"layer `{layer.name}` has `{field}` = {_shown(theirs.get(field, ...))} where the same layer rebuilt "
                    f"from its config has {_shown(ours.get(field, ...))}; the config does not record it"]
        return []


def weight_state(weight: Any) -> list[Any]:
    """What decides how a weight trains, beyond its shape: trainable, hooks the optimizer applies,
    and its dtype. The describer compares the rebuilt model's with the student's, which its config
    may not record (a dtype policy's name edited away from the dtypes it computes with)."""
    dtype = weight.dtype
    return [bool(weight.trainable), weight.regularizer is not None, weight.constraint is not None,
            bool(getattr(weight, "overwrite_with_gradient", False)), dtype if type(dtype) is str else repr(dtype)]


def layer_state(layer: Any, is_model: bool = False) -> dict[str, Any]:
    """A layer's own plain fields (numbers, strings, flags, tuples of them) and its dtype policy's.
    Keras reads them as the layer computes (``_call_has_training_arg`` decides whether Dropout
    ever drops, a policy's ``_compute_dtype`` the precision), and a layer rebuilt from its config
    has them all as the config says."""
    def plain_fields(obj: Any) -> dict[str, Any]:
        fields = {}
        for name, value in obj.items():
            if type(name) is str and not name.startswith("_self_") and name not in LAYER_BOOKKEEPING:
                plain = plain_json(value)
                if plain is not None or value is None:
                    fields[name] = plain
        return fields

    state = plain_fields(instance_dict(layer))
    for name in UNSET_WHEN_FALSE:
        if state.get(name) is False:
            del state[name]
    policy = instance_dict(instance_dict(layer).get("_dtype_policy"))
    if policy:
        state["_dtype_policy"] = plain_fields(policy)
    try:  # what the layer computes and keeps its weights in, as Keras resolves it (a policy map by path)
        state["_resolved_dtypes"] = [plain_json(layer.compute_dtype), plain_json(layer.variable_dtype)]
    except Exception:  # noqa: BLE001 - the same on both sides, compared like any value
        state["_resolved_dtypes"] = "unresolved"
    return {name: value for name, value in state.items() if name in MODEL_FIELDS} if is_model else state


def model_layer_states(model: Any) -> list[dict[str, Any]]:
    """``layer_state`` of a trusted model and of each layer in it, nested models included, input
    layers left out: what ``collect`` sends for the student's, in the same order."""
    import keras

    return [layer_state(layer, isinstance(layer, keras.Model))
            for layer in model._flatten_layers(include_self=True, recursive=True)
            if type(layer) is not keras.layers.InputLayer]


def _shown(value: Any) -> str:
    return "nothing" if value is ... else repr(value)[:80]
