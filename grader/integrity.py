"""Runs in the sandboxed child, after the student's code: is the model that will be exported the
model that computes?

The export is a description (Keras configs) produced by calling methods on the student's
objects; the grade is decided from it elsewhere. Each check here closes a way in which the
description and the model can be made to disagree with ordinary Python, no memory tricks:

- methods replaced on one object (``layer.get_config = ...``, ``optimizer.update_step = ...``);
- a function of the student's own named like a Keras activation (saved by name only);
- a loss or metric object whose inner function was swapped (not part of its config);
- layer classes of the student's own anywhere in the model, nested models included;
- a Sequential whose layer list no longer is the graph it runs, or a graph node running a layer
  that is not the model's;
- a layer computing with variables other than the weights it tracks;
- a compile record that is not the optimizer, loss and metrics the model trains with.

``problem(model, own)`` returns the first disagreement as a message for the student, or ''.
"""

from __future__ import annotations

import types
from typing import Any

# Instance attributes Keras itself sets over methods of the same name (wrappers made in
# Layer.__new__, and compile()'s `self.loss = loss`).
KERAS_INSTANCE_OVERRIDES = frozenset({"build", "quantize", "loss"})

PLAIN_TYPES = (bool, int, float, str, type(None))


def problem(model: Any, own: Any) -> str:
    """What makes ``model``'s description untrustworthy, for the student, or ''."""
    layers = own.flatten_layers(model, include_self=False, recursive=True)
    for layer in layers:
        if type(layer) not in own.layer_classes:
            return (f"the model contains `{type(layer).__name__}`, a layer class of your own rather than Keras' "
                    "own (nested models included)")
    optimizer = inner_optimizer(vars(model).get("optimizer"), own)  # its own class is marked, not refused
    compiled_with = []  # the loss and metric objects (not names or functions) given to compile()
    record = vars(model).get("_compile_config")
    config = vars(record).get("config") if hasattr(record, "__dict__") else None
    if isinstance(config, dict):
        for key in ("loss", "metrics", "weighted_metrics"):
            compiled_with += [(f"the {key} `{type(item).__name__}`", item) for item in _items(config.get(key))
                              if not isinstance(item, (str, types.FunctionType))]
    objects = [("the model", model), ("the optimizer", optimizer), *((f"layer `{_name(l)}`", l) for l in layers),
               *compiled_with]
    for what, obj in objects:
        replaced = _replaced_methods(obj)
        if replaced:
            return f"{what} has its own `{replaced}` in place of Keras' method"
    for layer in layers:
        for attribute in ("activation", "recurrent_activation"):
            function = vars(layer).get(attribute)
            if function is not None and id(function) not in own.activation_objects:
                return (f"layer `{_name(layer)}` uses `{getattr(function, '__name__', type(function).__name__)}` as "
                        f"its {attribute}, a function of your own rather than Keras' or TensorFlow's (a function "
                        "is saved by its name only, so the grader would see the Keras function of that name)")
    for what, obj in compiled_with:  # those of Keras' own classes (others are marked as custom)
        keras_class = id(type(obj)) in own.loss_objects or id(type(obj)) in own.metric_objects
        if keras_class and not _same_inner_function(obj):
            return f"{what} computes with another function than its class does"
    if type(model) is own.sequential and not _sequential_runs_its_layers(model, own):
        return "the Sequential model's layer list is not the graph it runs (was `_layers` edited after building?)"
    graph = vars(model).get("_functional") if type(model) is own.sequential else model
    if graph is not None and not _graph_runs_its_layers(graph, own):
        return "the model's graph runs a layer that is not one of its layers (was a node's operation replaced?)"
    for layer in layers:
        if not _uses_its_own_weights(layer, own):
            return (f"layer `{_name(layer)}` computes with other variables than the weights it tracks (was its "
                    "kernel or bias replaced or removed after building?)")
    return ""


def compile_record_is_faithful(model: Any, own: Any) -> bool:
    """Whether the record compile() keeps (which get_compile_config serialises) holds the very
    optimizer, loss and metrics objects the model trains with, in Keras' own containers."""
    record_type, loss_type, metrics_type, _ = own.compile_records
    record = vars(model).get("_compile_config")
    if type(record) is not record_type or type(getattr(record, "config", None)) is not dict:
        return False
    config = record.config
    if config.get("optimizer") is not inner_optimizer(vars(model).get("optimizer"), own):
        return False
    loss, compile_loss = config.get("loss"), vars(model).get("_compile_loss")
    if loss is not None and (type(compile_loss) is not loss_type or vars(compile_loss).get("_user_loss") is not loss):
        return False
    if loss is not None and vars(compile_loss).get("built"):
        built = [vars(entry.loss) if hasattr(entry, "loss") else {} for entry in vars(compile_loss).get("_flat_losses", ())]
        if not _built_from(_items(loss), built, "fn"):
            return False
    metrics, weighted = config.get("metrics"), config.get("weighted_metrics")
    compile_metrics = vars(model).get("_compile_metrics")
    if metrics is not None or weighted is not None:
        state = vars(compile_metrics) if type(compile_metrics) is metrics_type else {}
        if state.get("_user_metrics") is not metrics or state.get("_user_weighted_metrics") is not weighted:
            return False
        if state.get("built"):
            built = [vars(metric) for group in (*state.get("_flat_metrics", ()), *state.get("_flat_weighted_metrics", ()))
                     if group is not None for metric in vars(group).get("metrics", ())]
            return _built_from(_items(metrics) + _items(weighted), built, "_fn")
    return True


def _built_from(given: list[Any], built: list[dict[str, Any]], function_attribute: str) -> bool:
    """Whether the losses or metrics fit()/evaluate() built (their attribute dicts) are what
    compile() was given: a name builds an object of that name, a function one wrapping it, and an
    object is used as it is. Edits to the record after building are thereby caught."""
    remaining = list(built)
    for item in given:
        for index, state in enumerate(remaining):
            if (isinstance(item, str) and state.get("name") == item
                    or isinstance(item, types.FunctionType) and state.get(function_attribute) is item
                    or not isinstance(item, (str, types.FunctionType)) and getattr(item, "__dict__", None) is state):
                del remaining[index]
                break
        else:
            return False
    return not remaining


def inner_optimizer(optimizer: Any, own: Any) -> Any:
    """The optimizer compile() was given: it wraps it for mixed precision."""
    if type(optimizer) is own.compile_records[3]:
        return vars(optimizer).get("inner_optimizer")
    return optimizer


def _replaced_methods(obj: Any) -> str:
    """The first instance attribute that hides a method of the object's class, or ''."""
    if obj is None or not hasattr(obj, "__dict__"):
        return ""
    remaining = set(vars(obj)).difference(KERAS_INSTANCE_OVERRIDES)
    for klass in type(obj).__mro__:  # the nearest class defining a name decides what it hides
        if not remaining:
            break
        members = vars(klass)
        defined = remaining.intersection(members)
        for name in sorted(defined):
            if isinstance(members[name], (types.FunctionType, staticmethod, classmethod)):
                return name
        remaining -= defined
    return ""


def _same_inner_function(obj: Any) -> bool:
    """A Keras loss or metric wrapping a function computes with the function (and plain keyword
    arguments) a fresh object of its class, made from its config, would have."""
    state = vars(obj) if hasattr(obj, "__dict__") else {}
    names = [name for name in ("fn", "_fn") if name in state]
    if not names:
        return True
    try:
        fresh = vars(type(obj).from_config(obj.get_config()))
    except Exception:  # noqa: BLE001 - a config its own class cannot read back is not to be trusted
        return False
    kwargs = state.get("_fn_kwargs", {})
    if not isinstance(kwargs, dict) or any(type(value) not in PLAIN_TYPES for value in kwargs.values()):
        return False
    return all(state[name] is fresh.get(name) for name in names) and kwargs == fresh.get("_fn_kwargs", {})


def _sequential_runs_its_layers(model: Any, own: Any) -> bool:
    graph = vars(model).get("_functional")
    if graph is None:
        return True
    listed = [id(layer) for layer in own.sequential_layers(model)]
    ran = [id(layer) for layer in own.flatten_layers(graph, include_self=False, recursive=False)
           if type(layer) is not own.input_layer]
    return listed == ran


def _graph_runs_its_layers(graph: Any, own: Any) -> bool:
    """Every node of a functional graph runs one of the graph's own layers."""
    depths = vars(graph).get("_nodes_by_depth")
    if not isinstance(depths, dict):
        return True
    listed = {id(layer) for layer in own.flatten_layers(graph, include_self=False, recursive=False)}
    return all(id(vars(node).get("operation")) in listed for nodes in depths.values() for node in nodes)


def _uses_its_own_weights(layer: Any, own: Any) -> bool:
    """The variables a layer holds as attributes are the ones it created and tracks, all of them."""
    state = vars(layer)
    held = {id(value) for value in state.values() if isinstance(value, own.variable)}
    created = {id(variable) for variable in [*state.get("_trainable_variables", ()),
                                              *state.get("_non_trainable_variables", ())]}
    return created <= held and held <= {id(weight) for weight in own.weights(layer)}


def _items(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [item for inner in value.values() for item in _items(inner)]
    if isinstance(value, (list, tuple)):
        return [item for inner in value for item in _items(inner)]
    return [] if value is None else [value]


def _name(layer: Any) -> str:
    name = vars(layer).get("name")
    return name if isinstance(name, str) else type(layer).__name__
