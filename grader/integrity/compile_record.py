"""Detector ``compile-record``: compile()'s record is not the optimizer, losses and metrics the model trains with.

Runs in the sandboxed child's sender thread. The compile settings are exported from the record
compile() keeps (``_compile_config``, what ``get_compile_config`` serialises); fit() trains with
the optimizer, ``CompileLoss`` and ``CompileMetrics`` it made. They must be the very objects
compile() was given, in Keras' own containers, with the fields a new container made from them
has; once fit() or evaluate() has built the losses and metrics, those must be what Keras builds
from the record now (class, config, inner function, weight, the part of the labels they read).

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import types
from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, needs
from grader.integrity.common import (
    config_equal,
    history,
    inner_optimizer,
    instance_dict,
    items,
    same_plain_state,
    sequence,
)
from grader.integrity.losses_metrics import LOSS_METRIC_BOOKKEEPING

# What a CompileLoss or CompileMetrics records of its build and of the outputs, and what is
# compared by identity elsewhere.
COMPILE_BOOKKEEPING = frozenset({
    "built", "_y_pred_build_structure", "_y_true_build_structure", "_resolved_output_names", "output_names",
    "_user_loss", "_user_loss_weights", "_user_metrics", "_user_weighted_metrics", "_metrics", "_variables",
    "_tracker", "_flat_losses", "_flat_metrics", "_flat_weighted_metrics",
})
# (y_true, y_pred) shapes that make Keras resolve "crossentropy" and "accuracy" to their binary,
# sparse categorical and categorical versions (compile_utils.is_binary_or_sparse_categorical).
_LABEL_SHAPES = (((None, 1), (None, 1)), ((None,), (None, 10)), ((None, 10), (None, 10)))
_AMBIGUOUS_NAMES = frozenset({"crossentropy", "ce", "accuracy", "acc"})


class Kit(NamedTuple):
    record: type  # SerializableDict
    compile_loss: type
    compile_metrics: type
    loss_scale_optimizer: type
    get_loss: Any  # compile_utils.get_loss / get_metric: a name or function to the object built
    get_metric: Any
    loss_entry: type  # CompileLoss.Loss, the namedtuple of each built loss
    keras_tensor: type
    keras_history: type
    sequential: type


class CompileRecord(Detector):
    id = "compile-record"
    title = "the compile settings Keras recorded are not the ones the model trains with"

    @staticmethod
    def probe() -> Kit:
        import keras

        compile_loss, compile_metrics, get_loss, get_metric, loss_entry = needs(
            "keras.src.trainers.compile_utils", "CompileLoss", "CompileMetrics", "get_loss", "get_metric",
            "CompileLoss.Loss")
        return Kit(needs("keras.src.saving.serialization_lib", "SerializableDict"), compile_loss, compile_metrics,
                   keras.optimizers.LossScaleOptimizer, get_loss, get_metric, loss_entry,
                   needs("keras.src.backend", "KerasTensor"), needs("keras.src.ops.node", "KerasHistory"),
                   keras.Sequential)

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        model = context.model
        if instance_dict(model).get("compiled") is not True:
            return []
        if faithful(model, kit, context.own.known_types):
            return []
        return [f"the compile settings Keras recorded for `{context.variable}` are not the optimizer, loss and metrics "
                "it would train with (`_compile_config`, `optimizer`, `_compile_loss`, `_compile_metrics` or the "
                "losses and metrics fit() or evaluate() built from them were changed after compile())"]


def faithful(model: Any, kit: Kit, known_types: frozenset[int]) -> bool:
    """Whether the record compile() keeps (which get_compile_config serialises) holds the very
    optimizer, loss and metrics objects the model trains with, in Keras' own containers."""
    state = instance_dict(model)
    record = state.get("_compile_config")
    if type(record) is not kit.record or type(instance_dict(record).get("config")) is not dict:
        return False
    config = instance_dict(record)["config"]
    if config.get("optimizer") is not inner_optimizer(state.get("optimizer"), kit.loss_scale_optimizer):
        return False
    loss, compile_loss = config.get("loss"), state.get("_compile_loss")
    if loss is not None and (type(compile_loss) is not kit.compile_loss
                             or instance_dict(compile_loss).get("_user_loss") is not loss
                             or instance_dict(compile_loss).get("_user_loss_weights") is not config.get("loss_weights")):
        return False
    if not _loss_scaling_is_keras_own(model, kit):
        return False
    if loss is not None and not _fields_as_compiled(compile_loss, kit.compile_loss, (loss, config.get("loss_weights"))):
        return False
    if loss is not None and instance_dict(compile_loss).get("built") is True \
            and not _built_losses_match(loss, config.get("loss_weights"), instance_dict(compile_loss).get("_flat_losses"),
                                        _output_names(model, kit, known_types), kit, known_types):
        return False
    metrics, weighted = config.get("metrics"), config.get("weighted_metrics")
    compile_metrics = state.get("_compile_metrics")
    if metrics is not None or weighted is not None:
        held = instance_dict(compile_metrics) if type(compile_metrics) is kit.compile_metrics else {}
        if held.get("_user_metrics") is not metrics or held.get("_user_weighted_metrics") is not weighted:
            return False
        if not _fields_as_compiled(compile_metrics, kit.compile_metrics, (metrics, weighted)):
            return False
        if held.get("built") is True:
            built = [metric for group in (*held.get("_flat_metrics", ()), *held.get("_flat_weighted_metrics", ()))
                     if group is not None for metric in instance_dict(group).get("metrics", ())]
            given = [(item, None) for item in items(metrics) + items(weighted)]
            return _built_from(given, [(metric, None) for metric in built], kit.get_metric, known_types)
    return True


def _output_names(model: Any, kit: Kit, known_types: frozenset[int]) -> list[str] | None:
    """The names of the model's outputs, from its graph (exact strings only), or None."""
    graph = instance_dict(model).get("_functional") if type(model) is kit.sequential else model
    outputs = sequence(instance_dict(graph).get("_outputs"), known_types) if graph is not None else None
    if outputs is None:
        return None
    layers = [history(tensor, kit.keras_tensor, kit.keras_history)[0] for tensor in outputs]
    names = [None if layer is None else instance_dict(layer).get("name") for layer in layers]
    return names if all(type(name) is str for name in names) else None


def _fields_as_compiled(record: Any, kind: type, given: tuple[Any, Any]) -> bool:
    """A CompileLoss or CompileMetrics has the plain fields (``_dtype``, ``reduction``, ``name``)
    and dtype policy of a new one made from what compile() was given: CompileLoss casts every
    loss to its ``_dtype``, which nothing saves."""
    try:
        fresh = instance_dict(kind(*given, output_names=instance_dict(record).get("output_names")))
    except Exception:  # noqa: BLE001 - what compile() accepted, Keras accepts again
        return False
    return same_plain_state(instance_dict(record), fresh, COMPILE_BOOKKEEPING)


def _loss_scaling_is_keras_own(model: Any, kit: Kit) -> bool:
    """A LossScaleOptimizer around the model's optimizer is graded as the optimizer it wraps, so it
    must be the one compile() adds for a mixed_float16 model (float16 computations) with Keras'
    own settings: one put there by hand (a tiny initial scale) trains another model."""
    optimizer = instance_dict(model).get("optimizer")
    if type(optimizer) is not kit.loss_scale_optimizer:
        return True
    state = instance_dict(optimizer)
    compute = instance_dict(instance_dict(model).get("_dtype_policy")).get("_compute_dtype")
    scale, steps = state.get("initial_scale"), state.get("dynamic_growth_steps")
    return (type(compute) is str and compute == "float16" and type(scale) is float and scale == 2.0**15
            and type(steps) is int and steps == 2000)


def _built_losses_match(loss: Any, weights: Any, entries: Any, outputs: list[str] | None, kit: Kit,
                        known_types: frozenset[int]) -> bool:
    """Whether the losses fit()/evaluate() built (``CompileLoss._flat_losses``) are the ones
    compile() was given, each with its own weight: Keras keeps the very weight objects given."""
    if type(entries) is not list or not all(type(entry) is kit.loss_entry for entry in entries):
        return False
    given_items = _leaves(loss)
    given_weights = [None] * len(given_items or ()) if weights is None else _leaves(weights)
    if given_items is None or given_weights is None or len(given_items) != len(given_weights):
        return False
    given = [(item, weight) for item, weight in zip(given_items, given_weights) if item is not None]
    if not _paths_are_outputs([tuple.__getitem__(entry, 0) for entry in entries], outputs):
        return False
    built = [(tuple.__getitem__(entry, 1), tuple.__getitem__(entry, 2)) for entry in entries]
    return _built_from(given, built, kit.get_loss, known_types)


def _paths_are_outputs(paths: list[Any], outputs: list[str] | None) -> bool:
    """Each built loss reads the labels and predictions at its path: () for a model of one output,
    else one output each, by position or name (``(0,)`` on one output would read one sample)."""
    if outputs is None or not all(type(path) is tuple for path in paths):
        return False
    if len(outputs) == 1:
        return all(path == () for path in paths)
    seen = set()
    for path in paths:
        # a name: an output's, or a key of outputs given as a dict (any name then)
        if len(path) != 1 or not (type(path[0]) is int and 0 <= path[0] < len(outputs) or type(path[0]) is str) \
                or path[0] in seen:
            return False
        seen.add(path[0])
    return True


class _Shaped(NamedTuple):
    shape: tuple[int | None, ...]


def _built_from(given: list[tuple[Any, Any]], built: list[tuple[Any, Any]], resolve: Any,
                known_types: frozenset[int]) -> bool:
    """Whether the (object, weight) pairs fit()/evaluate() built are what compile() was given:
    a name or a function builds what Keras' ``resolve`` (get_loss, get_metric) builds from it now
    (same class, same config, same inner function), an object is used as it is, and each keeps
    its weight. Edits to the built objects after building are thereby caught. A single loss given
    for a model of several outputs is built once per output."""
    remaining = list(built)
    for item, weight in given:
        fresh = _resolved(item, resolve) if type(item) is str or type(item) is types.FunctionType else None
        for index, (obj, obj_weight) in enumerate(remaining):
            matched = obj_weight is weight and (obj is item if fresh is None else
                                                any(_same_built(obj, candidate, known_types) for candidate in fresh))
            if matched:
                del remaining[index]
                break
        else:
            return False
    if remaining and len(given) == 1:  # the one loss, built again for every other output
        return _built_from(given * len(remaining), remaining, resolve, known_types)
    return not remaining


def _resolved(item: Any, resolve: Any) -> list[Any]:
    """What Keras builds from a loss or metric name or function, for each kind of labels where
    the name leaves the choice to their shapes."""
    ambiguous = type(item) is str and str.lower(item) in _AMBIGUOUS_NAMES
    shapes = _LABEL_SHAPES if ambiguous else _LABEL_SHAPES[:1]
    built = []
    for labels, predictions in shapes:
        try:
            built.append(resolve(item, _Shaped(labels), _Shaped(predictions)))
        except Exception:  # noqa: BLE001 - a name Keras no longer resolves matches nothing
            pass
    return built


def _same_built(obj: Any, fresh: Any, known_types: frozenset[int]) -> bool:
    """``obj`` is what Keras built, as Keras built it: the class, config, inner function (by
    identity, a student's own function too) and plain fields of ``fresh``, a new build from the
    same name or function."""
    if type(obj) is not type(fresh) or id(type(obj)) not in known_types:
        return False
    state, new = instance_dict(obj), instance_dict(fresh)
    if not all(state.get(name) is new.get(name) for name in ("fn", "_fn")) \
            or not same_plain_state(state, new, LOSS_METRIC_BOOKKEEPING):
        return False
    try:
        return config_equal(obj.get_config(), fresh.get_config())
    except Exception:  # noqa: BLE001 - a config its own class cannot produce is not Keras'
        return False


def _leaves(value: Any) -> list[Any] | None:
    """The leaves of a structure in the order Keras flattens it (dict keys sorted), None kept;
    None for a dict keyed by anything but exact strings."""
    if type(value) is dict:
        if not all(type(key) is str for key in value):
            return None
        parts = [_leaves(value[key]) for key in sorted(value)]
    elif type(value) is list or type(value) is tuple:
        parts = [_leaves(inner) for inner in value]
    else:
        return [value]
    if any(part is None for part in parts):
        return None
    return [leaf for part in parts for leaf in part]
