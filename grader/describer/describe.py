"""Derive a ModelSpec from plain data, in a process that never ran student code.

Runs in the trusted describer (``grader.describer.service``), through Keras' public API. The input is
what the sandboxed child exported: the model's Keras JSON config and its compile config. Before
Keras sees it, the data is checked (only Keras' own modules may be named) and functions Keras
serialises awkwardly (``tf.nn.softmax`` becomes ``softmax_v2``) are mapped to Keras names. The
model is then rebuilt with ``keras.saving.deserialize_keras_object(..., safe_mode=True)`` and
measured here, so nothing the student patched (``count_params``, ``get_config``, classes)
reaches the spec. The integrity detectors of the describer's stage (``layer-state``) then
compare the rebuilt model with what the child collected (``inspect_rebuilt``). Each layer is
described by ``grader.describer.layers``.

Runs in: the trusted describer, which never runs student code; imports Keras, nothing of grader.child.
"""

from __future__ import annotations

import functools
import random
import re
from typing import Any

from grader.contract.markers import CUSTOM_PREFIX
from grader.contract.spec import (
    ACCURACY_ALIASES,
    LayerSpec,
    LossSpec,
    MetricSpec,
    ModelSpec,
    OptimizerSpec,
    ParamCounts,
)
from grader.describer.layers import layer_spec, plain_value
from grader.describer.rebuild import (
    apply_preprocessing,
    canonical_functions,
    check_modules,
    flatten,
    rebuild,
)

# The hyperparameters worth reporting, when an optimizer has them.
OPTIMIZER_SETTINGS = (
    "learning_rate", "momentum", "nesterov", "beta_1", "beta_2", "epsilon", "rho",
    "amsgrad", "weight_decay", "centered", "initial_accumulator_value",
    "clipnorm", "clipvalue", "global_clipnorm", "use_ema", "ema_momentum", "gradient_accumulation_steps",
    "loss_scale_factor",
)


def describe(plain: dict[str, Any], labels: str, behaviour: dict[str, Any] | None = None) -> tuple[dict[str, Any], Any]:
    """The ModelSpec (as a dict) of the model in ``plain``, and the model rebuilt from it; raises
    DescribeError if it cannot be rebuilt.

    With ``behaviour`` options, a second, seeded rebuild is also trained on Digits (grader.describer.trial).
    """
    config = canonical_functions({k: v for k, v in plain["config"].items() if k != "compile_config"})
    check_modules(config)
    # The rebuilt model's initial weights (probed below) are the same every run: Keras draws an
    # unseeded initializer's seed from Python's random module. keras.utils.set_random_seed would do
    # it too, but it also clears TensorFlow's kernel cache, which made each description ~20 ms slower.
    random.seed(0)
    model = rebuild(config)
    apply_preprocessing(model, plain.get("preprocessing"))
    findings = _value_findings(model, plain.get("weight_values"))
    for layer in _silent_relu_layers(model):
        findings.setdefault(id(layer), {})["relu_units"] = "none active at the start"

    layers = tuple(layer_spec(layer, findings.get(id(layer), {}))
                   for layer in model.layers if type(layer).__name__ != "InputLayer")
    built = bool(model.built)
    spec = ModelSpec(
        model_class=type(model).__name__,
        built=built,
        compiled=bool(plain.get("compiled")) and plain.get("compile_config") is not None,
        input_shape=_input_shape(model) if built else None,
        input_dtype=_input_dtype(model) if built else None,
        layers=layers,
        params=_param_counts(model) if built else None,
    )
    if spec.compiled:
        compile_config = canonical_functions(plain["compile_config"])
        check_modules(compile_config)
        output_units = _output_units(layers)
        spec = ModelSpec(
            **{**spec.__dict__,
               "optimizer": _optimizer_spec(compile_config.get("optimizer")),
               "loss": _loss_spec(compile_config.get("loss"), compile_config.get("loss_weights")),
               "metrics": _metric_specs(compile_config.get("metrics"), output_units, labels)}
        )
    if behaviour is not None and behaviour.get("evaluate") == "weights":
        from grader.describer.trial import held_out_accuracy

        weights = plain.get("weights")
        result = held_out_accuracy(model, weights) if isinstance(weights, list) else \
            {"error": "The model's trained weights did not reach the grader."}
        spec = ModelSpec(**{**spec.__dict__, "behaviour": result})
    elif behaviour is not None:
        spec = ModelSpec(**{**spec.__dict__, "behaviour": _behaviour(config, plain, behaviour, labels)})
    return spec.to_dict(), model


def inspect_rebuilt(model: Any, plain: dict[str, Any], probed: tuple[Any, ...]) -> list[dict[str, str]]:
    """The evidence of the describer-stage integrity detectors that are on, comparing the rebuilt
    ``model`` with what each collected from the student's (``plain["integrity"]``). A detector that
    fails is left out: a detector never stops grading."""
    from grader.integrity import DETECTORS

    collected = plain.get("integrity") if isinstance(plain.get("integrity"), dict) else {}
    findings = []
    for found in probed:
        detector = DETECTORS.get(found.id)
        if detector is None or found.off or detector.stage != "describer" or found.id not in collected:
            continue
        try:
            findings += [{"kind": found.id, "evidence": evidence}
                         for evidence in detector.inspect((model, collected[found.id]), found.kit)]
        except Exception:  # noqa: BLE001 - a detector never stops grading
            continue
    return findings


def _value_findings(model: Any, values: Any) -> dict[int, dict[str, str]]:
    """By layer, what the values in the student's weights (``grader.integrity.weight_values``, one
    ``[finite, same_units]`` per weight) show that the config cannot: weights that are not finite,
    or a kernel whose units all hold the same numbers (set by hand after building, which a constant
    initializer would be graded for). Nothing else of the values is graded."""
    weights = model.weights
    if not isinstance(values, list) or len(values) != len(weights) or not all(
            isinstance(facts, list) and len(facts) == 2 and all(type(fact) is bool for fact in facts)
            for facts in values):
        return {}  # another model than the config's (the layer-state detector reports it)
    by_weight = {id(weight): facts for weight, facts in zip(weights, values)}
    findings: dict[int, dict[str, str]] = {}
    for layer in model.layers:
        found = {}
        if any(not by_weight[id(weight)][0] for weight in layer.weights if id(weight) in by_weight):
            found["weights"] = "not finite"
        kernels = [getattr(part, "kernel", None) for part in _with_sublayers(layer)]
        if any(id(kernel) in by_weight and by_weight[id(kernel)][1] for kernel in kernels):  # nested models' too
            found["kernel"] = "the same in every unit"
        if found:
            findings[id(layer)] = found
    return findings


def _with_sublayers(layer: Any) -> list[Any]:
    """A layer and, for a nested model, every layer in it (through the public ``layers``)."""
    import keras

    return [layer, *(part for inner in layer.layers for part in _with_sublayers(inner))] \
        if isinstance(layer, keras.Model) else [layer]


def _silent_relu_layers(model: Any) -> list[Any]:
    """The model's Dense layers with relu whose units all output 0 on the first 256 Digits images,
    with the weights the config's initializers give (a bias initializer of -100, a kernel that is
    negative everywhere): relu then passes no gradient, so the layer never learns. Only for a model
    built for Digits' 64 features."""
    import keras
    import numpy as np

    if not model.built or _input_shape(model) != (None, 64):
        return []
    relu_layers = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)
                   and getattr(layer.activation, "__name__", None) == "relu"]
    if not relu_layers:
        return []
    try:
        probe = keras.Model(model.inputs[0], [layer.output for layer in relu_layers])
        outputs = probe(_probe_images(), training=False)
    except Exception:  # noqa: BLE001 - a graph that cannot be probed is graded on its config alone
        return []
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return [layer for layer, output in zip(relu_layers, outputs) if not np.any(np.asarray(output) > 0)]


@functools.cache
def _probe_images() -> Any:
    from sklearn.datasets import load_digits

    return load_digits().data[:256].astype("float32")


def _behaviour(config: dict[str, Any], plain: dict[str, Any], options: dict[str, Any], labels: str) -> dict[str, Any]:
    import keras

    from grader.describer.trial import trial_training

    if not plain.get("compiled") or plain.get("compile_config") is None:
        return {"error": "The model is not compiled, so Keras cannot train it."}
    compile_config = canonical_functions(plain["compile_config"])
    check_modules(compile_config)
    if any(isinstance(v, str) and v.startswith(CUSTOM_PREFIX) for v in flatten(compile_config)):
        return {"error": "The model is compiled with an optimizer, loss or metric of your own, which the "
                         "grader cannot rebuild, so how it trains cannot be verified."}
    keras.utils.set_random_seed(int(options.get("seed", 0)))  # the same starting weights every run
    model = rebuild(config)
    apply_preprocessing(model, plain.get("preprocessing"))
    return trial_training(model, compile_config, options, labels)


def _input_shape(model: Any) -> tuple[int | None, ...] | None:
    try:
        return tuple(model.inputs[0].shape)
    except Exception:  # noqa: BLE001
        return None


def _input_dtype(model: Any) -> str | None:
    try:
        return str(model.inputs[0].dtype)
    except Exception:  # noqa: BLE001
        return None


def _param_counts(model: Any) -> ParamCounts:
    def size(weights: list[Any]) -> int:
        total = 0
        for weight in weights:
            count = 1
            for dim in weight.shape:
                count *= int(dim)
            total += count
        return total

    trainable = size(model.trainable_weights)
    non_trainable = size(model.non_trainable_weights)
    return ParamCounts(total=trainable + non_trainable, trainable=trainable, non_trainable=non_trainable)


def _output_units(layers: tuple[LayerSpec, ...]) -> int | None:
    for layer in reversed(layers):
        if layer.output_shape:
            return layer.output_shape[-1]
        if layer.units is not None:
            return layer.units
    return None


def _optimizer_spec(config: Any) -> OptimizerSpec | None:
    import keras

    if config is None:
        return None
    if isinstance(config, str) and config.startswith(CUSTOM_PREFIX):
        name = config.removeprefix(CUSTOM_PREFIX)
        return OptimizerSpec(class_name=f"{name} (a class of your own, not Keras' {name})")
    try:
        optimizer = keras.optimizers.get(config)
    except Exception:  # noqa: BLE001
        name = config.get("class_name", "?") if isinstance(config, dict) else str(config)
        return OptimizerSpec(class_name=f"{name} (not a Keras optimizer)")
    settings = optimizer.get_config()
    return OptimizerSpec(
        class_name=type(optimizer).__name__,
        config={key: plain_value(settings[key]) for key in OPTIMIZER_SETTINGS if key in settings},
    )


def _loss_spec(config: Any, weights: Any = None) -> LossSpec | None:
    import dataclasses

    config, weights = _only_entry(config), _only_entry(weights)
    spec = _unweighted_loss_spec(config)
    return dataclasses.replace(spec, weights=plain_value(weights)) if spec and weights is not None else spec


def _only_entry(value: Any) -> Any:
    """A loss (or loss weight) given for one output as the only entry of a list or of a dict keyed
    by the output's name (``loss={"out": "mse"}``) is that loss; a serialised object (a dict with
    a ``class_name``) and anything else stay as they are."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return value[0]
    if isinstance(value, dict) and len(value) == 1 and "class_name" not in value:
        return next(iter(value.values()))
    return value


def _unweighted_loss_spec(config: Any) -> LossSpec | None:
    import keras

    if config is None:
        return None
    written = _written(config)
    if isinstance(config, str) and config.startswith(CUSTOM_PREFIX):
        written = f"{config.removeprefix(CUSTOM_PREFIX)} (your own function or class)"
        return LossSpec(name=written, written=written, known=False)
    try:
        loss = keras.losses.get(config)
    except Exception:  # noqa: BLE001
        loss = None
    if loss is None:
        return LossSpec(name=written, written=written, known=False)
    from_logits, settings = False, {}
    if isinstance(loss, keras.losses.Loss):
        config = loss.get_config()
        from_logits = bool(config.get("from_logits", False))
        try:
            defaults = type(loss)().get_config()
        except Exception:  # noqa: BLE001 - a class that needs arguments: keep every setting
            defaults = {}
        settings = {key: plain_value(value) for key, value in config.items()
                    if key not in ("name", "dtype", "from_logits") and defaults.get(key, object()) != value}
        if loss.dtype != keras.config.floatx():  # a loss's config leaves its dtype out; the export does not
            settings["dtype"] = loss.dtype
    return LossSpec(name=_callable_name(loss), from_logits=from_logits, written=written, settings=settings)


def _metric_specs(config: Any, output_units: int | None, labels: str) -> tuple[MetricSpec, ...]:
    import keras

    if config is None:
        return ()
    items = config if isinstance(config, list) else [config]
    specs = []
    for item in items:
        written = _written(item)
        if isinstance(item, str) and item.startswith(CUSTOM_PREFIX):
            specs.append(MetricSpec(name=f"{item.removeprefix(CUSTOM_PREFIX)} (your own, unknown)", written=written))
            continue
        if isinstance(item, str) and item.lower() in ACCURACY_ALIASES:
            specs.append(MetricSpec(name=resolve_accuracy(output_units, labels), written=written))
            continue
        try:
            metric = keras.metrics.get(item)
        except Exception:  # noqa: BLE001
            specs.append(MetricSpec(name=f"{written} (unknown)", written=written))
            continue
        specs.append(MetricSpec(name=_callable_name(metric), written=written))
    return tuple(specs)


def resolve_accuracy(output_units: int | None, labels: str) -> str:
    """What Keras makes of the string 'accuracy', given the output width and how labels are encoded.

    Keras' rule (``compile_utils.get_metric``) looks at shapes: one output unit means binary
    accuracy; labels with fewer dimensions than the predictions (one number per example:
    integer, binary or continuous targets) mean sparse categorical accuracy; labels as wide
    as the predictions (one-hot) mean categorical accuracy.
    """
    if output_units == 1:
        return "binary_accuracy"
    if labels == "one_hot":
        return "categorical_accuracy"
    return "sparse_categorical_accuracy"


def _callable_name(obj: Any) -> str:
    """Canonical snake_case name of a Keras loss or metric, function or instance."""
    for attribute in ("fn", "_fn"):
        function = getattr(obj, attribute, None)
        if callable(function) and getattr(function, "__name__", "<lambda>") != "<lambda>":
            return function.__name__
    if hasattr(obj, "__name__"):
        return obj.__name__
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", type(obj).__name__).lower()


def _written(config: Any) -> str:
    """How the student wrote a loss or metric, for messages: 'acc', 'SparseCategoricalCrossentropy()'."""
    if isinstance(config, str):
        return config
    if isinstance(config, dict):
        name = config.get("class_name", "?")
        if name == "function":
            return str(config.get("config", "?"))
        return f"{name}()"
    return repr(config)
