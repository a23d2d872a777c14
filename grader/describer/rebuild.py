"""Runs in the trusted describer: check the plain data a child sent, and rebuild its model.

Before Keras sees the data, only Keras' own modules may be named in it (``check_modules``), and
functions Keras serialises awkwardly (``tf.nn.softmax`` becomes ``softmax_v2``) are mapped to Keras
names (``canonical_functions``). The model is then rebuilt with
``keras.saving.deserialize_keras_object(..., safe_mode=True)``, with the fields Keras' own
``from_config`` drops put back, and its preprocessing layers given the state ``adapt()`` left.
Imports Keras (lazily) and nothing of ``grader.child``.

Runs in: the trusted describer, which never runs student code; imports Keras, nothing of grader.child.
"""

from __future__ import annotations

import re
from typing import Any


class DescribeError(Exception):
    """The plain data cannot be rebuilt safely; the message is for the student (the verdict is
    unsupported_model)."""


ALLOWED_MODULE_PREFIXES = ("keras", "builtins")


# TensorFlow functions whose serialised names Keras cannot resolve, by the name Keras writes.
FUNCTION_ALIASES = {
    "softmax_v2": "softmax",
    "log_softmax_v2": "log_softmax",
    "swish": "silu",
    "sigmoid_v2": "sigmoid",
}


def model_layers(model: Any) -> list[Any]:
    """A model's layers, nested models' included, in the order the child lists them
    (``grader.child.export.KerasOwn.model_layers``): through the public ``layers``, input layers left out."""
    import keras

    found = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        found.append(layer)
        if isinstance(layer, keras.Model):
            found += model_layers(layer)
    return found


def apply_preprocessing(model: Any, state: Any) -> None:
    """Give the rebuilt model's preprocessing layers the state ``adapt()`` left in the student's
    (``grader.child.export._preprocessing_state``), and have each compute with it (``finalize_state``):
    an adapted ``Normalization`` measured without its mean and variance is another model."""
    import numpy as np

    if not isinstance(state, list):
        return
    layers = model_layers(model)
    for entry in state:
        index = entry.get("layer") if isinstance(entry, dict) else None
        if not isinstance(index, int) or not 0 <= index < len(layers) or not hasattr(layers[index], "finalize_state"):
            continue
        try:
            layers[index].set_weights([np.asarray(weight, dtype=variable.dtype)
                                       for weight, variable in zip(entry.get("weights"), layers[index].weights)])
            layers[index].finalize_state()
        except Exception:  # noqa: BLE001 - weights that do not fit leave the layer as its config made it
            continue


def finalize_preprocessing(model: Any) -> None:
    """After ``set_weights``: every preprocessing layer computes with the state it was given."""
    for layer in model_layers(model):
        if hasattr(layer, "finalize_state"):
            try:
                layer.finalize_state()
            except Exception:  # noqa: BLE001 - a layer that has no state to finalise yet
                continue


def rebuild(config: dict[str, Any]) -> Any:
    import keras

    try:
        model = keras.saving.deserialize_keras_object(config, safe_mode=True)
    except Exception as exc:  # noqa: BLE001 - Keras raises many types here
        raise DescribeError(_rebuild_message(exc)) from None
    _restore_model_fields(model, config)
    return model


def _restore_model_fields(model: Any, config: Any) -> None:
    """Keras saves a Sequential's own ``trainable`` and dtype policy but its from_config drops them
    (Functional keeps them). A model that is not trainable trains none of its weights, whatever its layers say
    (``model.trainable = False`` then one layer set back to True), so the rebuilt one must not be
    either. Only the model's flag is set, as the student's model has it: its layers keep theirs."""
    import keras

    inner = config.get("config") if isinstance(config, dict) else None
    if not isinstance(inner, dict):
        return
    if inner.get("trainable") is False and model.trainable:
        model._trainable = False
    if isinstance(model, keras.Sequential) and isinstance(inner.get("dtype"), (dict, str)):
        try:  # dropped too; a model's policy decides what its call() casts the inputs to
            policy = keras.dtype_policies.get(inner["dtype"])
        except Exception:  # noqa: BLE001 - left as rebuilt; the comparison of layer state reports it
            policy = None
        if policy is not None and policy.name != model.dtype_policy.name:
            model._dtype_policy = policy
    sublayers = {layer.name: layer for layer in model.layers if isinstance(layer, keras.Model)}
    for layer_config in inner.get("layers") or ():
        inner_config = layer_config.get("config") if isinstance(layer_config, dict) else None
        name = inner_config.get("name") if isinstance(inner_config, dict) else None
        if isinstance(name, str) and name in sublayers:
            _restore_model_fields(sublayers[name], layer_config)


def flatten(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in flatten(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in flatten(item)]
    return [value]


def canonical_functions(value: Any) -> Any:
    """Replace serialised function references with their Keras names.

    Keras writes a function as ``{"class_name": "function", "config": NAME}`` but
    cannot always read that back (metrics, TF functions such as ``softmax_v2``);
    a plain name is looked up in Keras' own registries and nowhere else.
    """
    if isinstance(value, dict):
        name = value.get("config")
        if value.get("class_name") == "function" and isinstance(name, str):
            return FUNCTION_ALIASES.get(name, name)
        return {key: canonical_functions(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical_functions(item) for item in value]
    return value


def check_modules(value: Any) -> None:
    """Refuse configs that name modules outside Keras: deserialising them would import them."""
    if isinstance(value, dict):
        module = value.get("module")
        if isinstance(module, str) and not module.startswith(ALLOWED_MODULE_PREFIXES):
            name = value.get("class_name", "?")
            raise DescribeError(
                f"The model uses `{name}` from `{module}`, which is not part of Keras. The grader only "
                "rebuilds standard Keras layers, losses and optimizers, so this part cannot be verified."
            )
        for item in value.values():
            check_modules(item)
    elif isinstance(value, list):
        for item in value:
            check_modules(item)


def _rebuild_message(exc: Exception) -> str:
    text = str(exc)
    if "Lambda" in text:
        return ("The model contains a Lambda layer. Its Python function cannot be rebuilt safely, "
                "so the grader cannot verify the model. Use standard Keras layers instead.")
    unknown = re.search(r"Could not locate (?:class|function) '([^']+)'", text)
    if unknown:
        return (f"The model uses `{unknown.group(1)}`, which is not a standard Keras object. "
                "The grader only rebuilds standard Keras layers, so this model cannot be verified.")
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return f"The model could not be rebuilt from its Keras config: {first[:300]}"
