"""ModelSpec: a plain, JSON-serialisable description of a compiled Keras model.

Specs are produced by ``grader.describer.describe`` in a process that never ran student
code, and compared by ``grader.grading.checks`` in a process that never imports
TensorFlow. Nothing here touches Keras.

Runs in: every process; imports only the standard library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from grader.contract.layers import layer_settings, shown


@dataclass(frozen=True)
class LayerSpec:
    class_name: str
    name: str
    units: int | None = None
    activation: str | None = None
    output_shape: tuple[int | None, ...] | None = None
    params: int | None = None
    trainable: bool = True
    # Other settings a check may care about (e.g. a constraint, use_bias=False), already canonical.
    settings: dict[str, Any] = field(default_factory=dict)
    # The settings that define a layer of this class (grader.contract.layers.LAYER_SETTINGS), as
    # get_config() names them, in plain JSON: {"filters": 16, "kernel_size": [3, 3]}. Those shown only
    # when changed are left out where they are Keras' default.
    config: dict[str, Any] = field(default_factory=dict)

    def signature(self) -> str:
        """A short human-readable form, e.g. ``Dense(512, relu)``, ``Conv2D(16, 3x3, relu, strides=2)``,
        ``MaxPooling2D(2x2)`` or ``Dropout(rate=0.5)``."""
        table = layer_settings(self.class_name)
        listed = {setting.key for setting in table}
        parts = [str(self.units)] if self.units is not None else []
        parts += [shown(s, self.config[s.key]) for s in table if s.show == "value" and s.key in self.config]
        if self.activation is not None:
            parts.append(self.activation)
        parts += [f"{s.key}={shown(s, self.config[s.key])}" for s in table
                  if s.show != "value" and s.key in self.config]
        parts += [f"{k}={v}" for k, v in sorted(self.config.items()) if k not in listed]
        parts += [f"{k}={v}" for k, v in sorted(self.settings.items())]
        return f"{self.class_name}({', '.join(parts)})"


@dataclass(frozen=True)
class ParamCounts:
    total: int
    trainable: int
    non_trainable: int


@dataclass(frozen=True)
class OptimizerSpec:
    class_name: str
    # Hyperparameters as plain numbers, rounded from float32 (0.0010000000474974513 -> 0.001).
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LossSpec:
    name: str  # canonical snake_case, e.g. "sparse_categorical_crossentropy"
    from_logits: bool = False
    written: str = ""  # how the student wrote it, for messages
    known: bool = True  # False for custom functions Keras cannot name
    weights: Any = None  # compile()'s loss_weights, as plain data; None when not given
    settings: dict[str, Any] = field(default_factory=dict)  # a loss object's non-default settings


# How an exercise's targets are encoded: the digit as an integer, the digit one-hot, whether it is
# even (0/1), or its value as a number (regression). Decides what "accuracy" means, and what a trial
# training fits the model to.
LABEL_KINDS = ("integer", "one_hot", "binary", "continuous")

# How students write "let Keras pick the right accuracy for my labels and outputs".
ACCURACY_ALIASES = ("accuracy", "acc")


@dataclass(frozen=True)
class MetricSpec:
    name: str  # canonical snake_case of the Keras class, "accuracy" only for keras.metrics.Accuracy
    written: str = ""


@dataclass(frozen=True)
class ModelSpec:
    model_class: str
    built: bool
    compiled: bool
    input_shape: tuple[int | None, ...] | None = None
    # The dtype Keras casts every input batch to before the first layer (a bool one makes pixels 0/1).
    input_dtype: str | None = None
    layers: tuple[LayerSpec, ...] = ()
    params: ParamCounts | None = None
    optimizer: OptimizerSpec | None = None
    loss: LossSpec | None = None
    metrics: tuple[MetricSpec, ...] = ()
    # How it trained on Digits, when the exercise asks (grader.describer.trial): losses, score, or error.
    behaviour: dict[str, Any] | None = None
    # Variables the exercise asked for besides the model (e.g. quiz answers), as plain data.
    submitted: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelSpec:
        def shape(value: Any) -> tuple[int | None, ...] | None:
            return None if value is None else tuple(value)

        return cls(
            model_class=data["model_class"],
            built=bool(data["built"]),
            compiled=bool(data["compiled"]),
            input_shape=shape(data.get("input_shape")),
            input_dtype=data.get("input_dtype"),
            layers=tuple(
                LayerSpec(**{**layer, "output_shape": shape(layer.get("output_shape"))})
                for layer in data.get("layers", ())
            ),
            params=ParamCounts(**data["params"]) if data.get("params") else None,
            optimizer=OptimizerSpec(**data["optimizer"]) if data.get("optimizer") else None,
            loss=LossSpec(**data["loss"]) if data.get("loss") else None,
            metrics=tuple(MetricSpec(**m) for m in data.get("metrics", ())),
            behaviour=data.get("behaviour"),
            submitted=data.get("submitted"),
        )


def format_shape(shape: tuple[int | None, ...] | None) -> str:
    """``(None, 512)`` as Keras' summary prints it."""
    if shape is None:
        return "?"
    inner = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"
