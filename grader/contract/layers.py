"""The settings that define each kind of Keras layer, and how a description shows them.

One table, keyed by Keras class name. The describer reads the settings it lists from each layer's
public ``get_config()`` into ``LayerSpec.config``; ``LayerSpec.signature()`` shows them as one
would write the layer (``Conv2D(16, 3x3, relu, strides=2)``, ``MaxPooling2D(2x2)``), and the
layers check names the one that differs. A class the table does not list is described by its
class name, units, activation and the generic settings (``LayerSpec.settings``).

Runs in: every process; imports only the standard library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal


@dataclass(frozen=True)
class Setting:
    """One setting that defines a layer, named ``key`` as ``get_config()`` names it."""

    key: str
    noun: str  # how a message names it: "filter" (counted), "kernel size"
    # "value": always shown, as a bare value (Conv2D(16, 3x3)); "named": always shown, as key=value;
    # "changed": shown as key=value only where it is not Keras' default (the describer leaves it out there).
    show: Literal["value", "named", "changed"] = "changed"
    # "size": (3, 3) shows as 3x3; "step": (2, 2) as 2 and (2, 1) as 2x1; "shape": (8, 8, 1) as Python
    # shows a tuple; "plain": as Python shows the value.
    form: Literal["size", "step", "shape", "plain"] = "plain"
    counted: bool = False  # a number of things: "it has 32 filters where 16 are expected"


FILTERS = Setting("filters", "filter", "value", counted=True)
KERNEL = Setting("kernel_size", "kernel size", "value", "size")
STRIDES = Setting("strides", "stride", form="step")
PADDING = Setting("padding", "padding")
DILATION = Setting("dilation_rate", "dilation rate", form="step")
DEPTH_MULTIPLIER = Setting("depth_multiplier", "depth multiplier")
DATA_FORMAT = Setting("data_format", "data format")
RATE = (Setting("rate", "rate", "named"),)
AXIS = Setting("axis", "axis", "named")
EPSILON = Setting("epsilon", "epsilon")

CONV = (FILTERS, KERNEL, STRIDES, PADDING, DILATION, Setting("groups", "number of groups"), DATA_FORMAT)
CONV_TRANSPOSE = (FILTERS, KERNEL, STRIDES, PADDING, Setting("output_padding", "output padding"), DILATION,
                  DATA_FORMAT)
SEPARABLE_CONV = (FILTERS, KERNEL, STRIDES, PADDING, DEPTH_MULTIPLIER, DILATION, DATA_FORMAT)
DEPTHWISE_CONV = (KERNEL, STRIDES, PADDING, DEPTH_MULTIPLIER, DILATION, DATA_FORMAT)
POOLING = (Setting("pool_size", "pool size", "value", "size"), STRIDES, PADDING, DATA_FORMAT)
GLOBAL_POOLING = (Setting("keepdims", "keepdims"), DATA_FORMAT)
RECURRENT = (Setting("return_sequences", "return_sequences"),)

LAYER_SETTINGS: Mapping[str, tuple[Setting, ...]] = MappingProxyType({
    **{f"Conv{n}D": CONV for n in (1, 2, 3)},
    **{f"Conv{n}DTranspose": CONV_TRANSPOSE for n in (1, 2, 3)},
    **{f"SeparableConv{n}D": SEPARABLE_CONV for n in (1, 2)},
    **{f"DepthwiseConv{n}D": DEPTHWISE_CONV for n in (1, 2)},
    **{f"{kind}Pooling{n}D": POOLING for kind in ("Max", "Average") for n in (1, 2, 3)},
    **{f"Global{kind}Pooling{n}D": GLOBAL_POOLING for kind in ("Max", "Average") for n in (1, 2, 3)},
    **{name: RATE for name in ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                               "GaussianDropout", "AlphaDropout")},
    "BatchNormalization": (AXIS, Setting("momentum", "momentum"), EPSILON),
    "LayerNormalization": (AXIS, EPSILON),
    "Embedding": (Setting("input_dim", "vocabulary size (input_dim)", "value"),
                  Setting("output_dim", "vector size (output_dim)", "value")),
    **{name: RECURRENT for name in ("LSTM", "GRU", "SimpleRNN")},
    "Reshape": (Setting("target_shape", "target shape", "value", "shape"),),
    "Concatenate": (AXIS,),
})


def layer_settings(class_name: str) -> tuple[Setting, ...]:
    """The settings that define a layer of ``class_name``; none for a class the table does not list."""
    return LAYER_SETTINGS.get(class_name, ())


def shown(setting: Setting, value: Any) -> str:
    """``value`` of ``setting`` as a description shows it: ``3x3``, ``2``, ``(8, 8, 1)``, ``same``."""
    if not isinstance(value, (list, tuple)):
        return str(value)
    items = [str(item) for item in value]
    if setting.form == "size" or (setting.form == "step" and len(set(items)) > 1):
        return "x".join(items)
    if setting.form == "step" or (setting.form == "plain" and len(items) == 1):
        return items[0]
    return f"({', '.join(items)}{',' if len(items) == 1 else ''})"


def comparable(value: Any) -> Any:
    """``value`` with its lists as tuples: the same setting read from JSON or built by hand compares
    equal, and can be a dictionary key."""
    if isinstance(value, (list, tuple)):
        return tuple(comparable(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, comparable(item)) for key, item in value.items()))
    return value
