"""One layer of a rebuilt model as a LayerSpec: its class, units, activation, the settings that define
it (``grader.contract.layers.LAYER_SETTINGS``, read from its public ``get_config()``), its output shape
and parameters, and the settings that change how it trains.

Runs in: the trusted describer, which never runs student code; imports Keras, nothing of grader.child.
"""

from __future__ import annotations

import functools
import random
from typing import Any

from grader.contract.layers import comparable, layer_settings
from grader.contract.spec import LayerSpec

# Layer attributes that change training and that the lesson's layers leave unset.
LAYER_EXTRAS = ("kernel_constraint", "bias_constraint", "kernel_regularizer", "bias_regularizer",
                "activity_regularizer")

# Kernel initializers that start every unit of a layer with the same weights: they get the same
# gradients and stay the same, so the layer learns like one unit. Other initializers are a free
# choice, not graded.
CONSTANT_INITIALIZERS = frozenset({"Zeros", "Ones", "Constant"})


def layer_spec(layer: Any, findings: dict[str, str]) -> LayerSpec:
    """``layer`` described; ``findings`` are what its weights' values showed (``describe._value_findings``)."""
    config = _defining_settings(layer)
    settings: dict[str, Any] = dict(findings)
    if hasattr(layer, "rate") and "rate" not in config:  # a dropout-like layer the table does not list
        settings["rate"] = plain_number(layer.rate)
    if getattr(layer, "use_bias", True) is False:
        settings["use_bias"] = False
    policy = getattr(layer, "dtype_policy", None)
    if getattr(policy, "variable_dtype", "float32") != "float32":  # float16 weights stall training;
        settings["dtype"] = str(policy.name)                         # mixed precision keeps float32 ones
    for name in LAYER_EXTRAS:  # constraints and regularizers change what training does
        extra = getattr(layer, name, None)
        if extra is not None:
            settings[name] = _described_object(extra)
    kernel_initializer = getattr(layer, "kernel_initializer", None)
    if type(kernel_initializer).__name__ in CONSTANT_INITIALIZERS:  # every unit starts, and stays, the same
        settings["kernel_initializer"] = _described_object(kernel_initializer)
    activation = getattr(layer, "activation", None)
    built = bool(layer.built)
    return LayerSpec(
        class_name=type(layer).__name__,
        name=layer.name,
        units=getattr(layer, "units", None),
        activation=getattr(activation, "__name__", None) if activation is not None else None,
        output_shape=_output_shape(layer) if built else None,
        params=int(layer.count_params()) if built else None,
        trainable=bool(layer.trainable),
        settings=settings,
        config=config,
    )


def _defining_settings(layer: Any) -> dict[str, Any]:
    """The settings ``LAYER_SETTINGS`` lists for the layer's class, read from its public ``get_config()``
    as plain data. One shown only when changed is left out where it equals the default: the value
    the class itself gives a layer built with only the required and always-shown settings (so a
    pooling layer's strides default to its pool size, as in Keras)."""
    table = layer_settings(type(layer).__name__)
    try:
        config = layer.get_config() if table else {}
    except Exception:  # noqa: BLE001 - described by its class name alone
        return {}
    defaults = _default_config(layer, config, {s.key for s in table if s.show != "changed"})
    return {setting.key: _plain_setting(config[setting.key]) for setting in table if setting.key in config
            and (setting.show != "changed" or setting.key not in defaults
                 or comparable(defaults[setting.key]) != comparable(config[setting.key]))}


def _default_config(layer: Any, config: dict[str, Any], always: set[str]) -> dict[str, Any]:
    """``get_config()`` of a fresh layer of the same class given only the arguments it requires and
    those in ``always``; empty when the class cannot be built so (every setting is then shown)."""
    import inspect

    try:
        parameters = inspect.signature(type(layer).__init__).parameters.values()
    except (TypeError, ValueError):
        return {}
    required = {p.name for p in parameters if p.default is p.empty and p.name != "self"
                and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    arguments = tuple(sorted((key, comparable(config[key])) for key in required | always if key in config))
    try:
        return _fresh_config(type(layer), arguments)
    except Exception:  # noqa: BLE001
        return {}


@functools.lru_cache(maxsize=256)  # a class of 30 looks for the same few defaults
def _fresh_config(cls: type, arguments: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    state = random.getstate()  # a fresh layer draws its initializers' seeds; the describer's stream stays as it was
    try:
        return cls(**dict(arguments)).get_config()
    finally:
        random.setstate(state)


def _plain_setting(value: Any) -> Any:
    """A layer setting as plain JSON data: tuples as lists, floats rounded from float32."""
    if isinstance(value, (list, tuple)):
        return [_plain_setting(item) for item in value]
    return plain_value(value)


def _described_object(value: Any) -> str:
    """A Keras object as ``Class(key=value, ...)``, from its config."""
    try:
        config = value.get_config()
    except Exception:  # noqa: BLE001
        config = {}
    arguments = ", ".join(f"{key}={plain_value(item)}" for key, item in sorted(config.items()))
    return f"{type(value).__name__}({arguments})"


def _output_shape(layer: Any) -> tuple[int | None, ...] | None:
    try:
        return tuple(layer.output.shape)
    except Exception:  # noqa: BLE001 - a layer used twice has no single output
        return None


def plain_number(value: Any) -> Any:
    """A float rounded from float32 (0.0010000000474974513 -> 0.001); anything else as it is."""
    return float(f"{float(value):.7g}") if isinstance(value, float) else value


def plain_value(value: Any) -> Any:
    """Floats rounded from float32 (0.0010000000474974513 -> 0.001); schedules by class name."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, dict) and "class_name" in value:
        return value["class_name"]
    try:
        return plain_number(float(value))
    except (TypeError, ValueError):
        return repr(value)
