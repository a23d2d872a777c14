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

Before any of these run, ``foreign_object`` walks every object reachable from the model through
instance attributes, lists, tuples and dicts (the layers, their initializers, regularizers and
dtype policies, the compile record, the optimizer, losses and metrics, TensorFlow's variables):
each must be of a class that existed before the student's code ran, and none may hide code of
its class behind an instance attribute. The export calls methods on these objects in the
sender thread, whose guard only sees Python functions; a ``functools.partial`` put in place of
an initializer's ``get_config`` would otherwise run there unseen.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import operator
import types
import weakref
from itertools import chain, compress
from operator import attrgetter, not_
from typing import Any

from grader.fingerprint import class_dict, holds_code, is_descriptor, real_mro
from grader.heap import PLAIN_TYPES as PLAIN_TYPE_SET
from grader.heap import references

# Instance attributes Keras itself sets over methods of the same name (wrappers made in
# Layer.__new__, and compile()'s `self.loss = loss`).
KERAS_INSTANCE_OVERRIDES = frozenset({"build", "quantize", "loss"})

PLAIN_TYPES = (bool, int, float, str, type(None))
PLAIN_TYPE_IDS = frozenset(map(id, PLAIN_TYPES))
_NAME = type.__dict__["__name__"].__get__
_DICT_OFFSET = type.__dict__["__dictoffset__"].__get__  # where an instance keeps its dict; 0: none
# What Python puts in every class's dict itself.
CLASS_BOOKKEEPING = frozenset({"__module__", "__qualname__", "__doc__", "__dict__", "__weakref__",
                               "__annotations__", "__slots__", "__orig_bases__", "__parameters__"})

def real_name(kind: type) -> str:
    """A class's name as Python keeps it, whatever its metaclass says."""
    return _NAME(kind)


# Callables a C-level object calls with no Python frame for the sender's guard to see. Made
# after the record, such objects could run anything of Python's (os.write, operator.call, ...).
# The C-level ways to bind arguments to a call or to chain calls; other C-level callables
# (built-ins, NumPy's ufuncs, Cython's and pybind11's functions) run their one operation on the
# arguments their caller gives.
REFUSED_TYPES = frozenset(map(id, (
    map, filter, zip, enumerate, reversed, types.MethodWrapperType, type(functools.cmp_to_key(len)),
    operator.attrgetter, operator.itemgetter, operator.methodcaller,
    *(value for value in vars(itertools).values() if isinstance(value, type)))))
_FUNCTION_STATE = attrgetter("__closure__", "__defaults__", "__kwdefaults__")
_FUNCTION_DICT = types.FunctionType.__dict__["__dict__"].__get__
_MODULE_DICT = types.ModuleType.__dict__["__dict__"].__get__
_BUILTIN_SELF = types.BuiltinFunctionType.__dict__["__self__"].__get__
_PARTIAL_STATE = attrgetter("func", "args", "keywords")
_METHOD_STATE = attrgetter("__func__", "__self__")
_CALLBACK = weakref.ReferenceType.__dict__["__callback__"].__get__
_SEQUENCE_ITERATORS = (list.__iter__, tuple.__iter__, set.__iter__, frozenset.__iter__)

# What the walk does with an object of a class, decided once per class.
(INSTANCE, CLASS, MODULE, FUNCTION, METHOD, BUILTIN, PARTIAL, REFERRER, WEAKREF, PROXY, UFUNC, REFUSED,
 OPAQUE) = range(13)
CONTAINER_NONE, CONTAINER_SEQUENCE, CONTAINER_MAPPING = range(3)


def foreign_object(model: Any, own: Any, tolerated: frozenset[int] = frozenset(),
                   known: frozenset[int] = frozenset()) -> tuple[str, str]:
    """The first object reachable from ``model`` that is of a class of the student's own (kind
    ``unsupported_model``), hides code of its class behind an instance attribute, or is a
    C-level callable (kind ``tampered``), as (kind, message), or ('', ''). ``tolerated`` are
    ids of objects not to look into: the optimizer, losses and metrics of the student's own
    classes, which the export marks as custom without calling them. ``known`` are ids of
    objects that existed before the student's code ran (``grader.heap``), which the walk does
    not enter: what the submission changed in them is walked by ``foreign_state``."""
    return _walk([model], own, set(tolerated), known, strict=True)


def foreign_state(changes: list[tuple[Any, Any]], own: Any, known: frozenset[int]) -> tuple[str, str]:
    """Like ``foreign_object``, for what the submission put in containers that existed before it
    ran (``grader.heap.changed``): objects of its own classes may be there (a custom loss kept in
    a Keras registry), but no C-level callable and no method hidden behind an attribute."""
    roots = []
    for owner, namespace, contents in changes:
        if owner is not None:
            hidden = _hidden_code(owner, namespace)
            if hidden:
                return "tampered", f"a `{real_name(type(owner))}` has its own `{hidden}` in place of its class's."
        roots.append(contents)
    return _walk(roots, own, set(), known, strict=False)


def _walk(level: list[Any], own: Any, seen: set[int], known: frozenset[int], strict: bool) -> tuple[str, str]:
    """Breadth first, level by level, with C-level iterators and per-class answers worked out
    once: it runs under the sender's guard, which pays for every call a Python function makes."""
    kinds: dict[int, tuple[int, bool, int, tuple[Any, ...]]] = {}  # id of a class -> _kind_facts
    while level:
        level = list(compress(level, map(not_, map(PLAIN_TYPE_SET.__contains__, map(type, level)))))
        ids = list(map(id, level))
        new = list(map(not_, map(known.__contains__, ids)))
        fresh = dict(zip(compress(ids, new), compress(level, new)))
        for ident in seen.intersection(fresh):
            del fresh[ident]
        seen.update(fresh)
        objects = list(fresh.values())
        level = []
        for obj, kind, kind_id in zip(objects, map(type, objects), map(id, map(type, objects))):
            if kind_id in PLAIN_TYPE_IDS:
                continue
            if kind is list or kind is tuple or kind is set or kind is frozenset:
                level += obj
                continue
            if kind is dict:
                level += obj
                level += obj.values()
                continue
            try:
                category, has_state, container, slots = kinds[kind_id]
            except KeyError:
                if strict and kind_id not in own.known_types and not _made_by_known_code(kind, own):
                    return "unsupported_model", (
                        f"the model holds a `{real_name(kind)}`, an object of a class of your own. The grader only "
                        "grades models made of Keras' own classes (layers, initializers, regularizers, "
                        "constraints), because it would have to call that class's code to describe the model.")
                category, has_state, container, slots = kinds[kind_id] = _kind_facts(kind)
            if category == REFUSED:
                return "tampered", _refused(obj, kind)
            if category == CLASS:
                level += class_dict(obj).keys()
                level += class_dict(obj).values()
                level += real_mro(obj)
                level.append(kind)
                continue
            if category == MODULE:
                level += _MODULE_DICT(obj).values()
                continue
            if category == FUNCTION:
                closure, defaults, kwdefaults = _FUNCTION_STATE(obj)
                level += chain.from_iterable(map(references, closure or ()))
                level += (defaults, kwdefaults, _FUNCTION_DICT(obj))
                continue
            if category == METHOD:  # types.MethodType(os.write, fd) would bind a built-in's first argument
                function, bound = _METHOD_STATE(obj)
                if type(function) is not types.FunctionType:
                    return "tampered", _refused(obj, kind)
                level += (function, bound)
                continue
            if category == BUILTIN:  # a built-in bound to an object runs one operation on that object
                level.append(_BUILTIN_SELF(obj))
                continue
            if category == REFERRER:  # a cell, property, staticmethod or classmethod
                level += references(obj)
                continue
            if category == PARTIAL:
                function, arguments, keywords = _PARTIAL_STATE(obj)
                if type(function) is not types.FunctionType and type(function) is not types.MethodType:
                    return "tampered", _refused(obj, kind)
                level += (function, arguments, keywords)
            elif category == WEAKREF:
                level.append(_CALLBACK(obj))
                continue
            elif category == PROXY:  # calling or reading it reaches what it refers to
                level.append(_proxy_referent(obj))
                continue
            elif category == UFUNC:  # np.frompyfunc(callable) hides what it calls: "<name> (vectorized)"
                if str(obj.__name__).endswith("(vectorized)"):
                    return "tampered", _refused(obj, kind)
                continue
            elif category == OPAQUE:
                continue
            if not strict and kind_id not in own.known_types:
                level.append(kind)  # its class, metaclass and bases: what Python calls on it
            if has_state:
                try:
                    state = obj.__dict__
                except AttributeError:  # a C class that reserves a dict but keeps none
                    state = None
                if type(state) is dict:
                    values = state.values()
                    if any(map(callable, values)):
                        hidden = _hidden_code(obj, state)
                        if hidden:
                            return "tampered", (f"a `{real_name(kind)}` in the model has its own `{hidden}` in "
                                                "place of its class's.")
                    level += state
                    level += values
            if slots:
                level += _slot_values(obj, kind, slots)
            if container == CONTAINER_SEQUENCE:  # Keras' tracked lists, and other subclasses
                for iterate in _SEQUENCE_ITERATORS:
                    if isinstance(obj, iterate.__objclass__):
                        level += list(iterate(obj))
                        break
            elif container == CONTAINER_MAPPING:
                level += dict.keys(obj)
                level += dict.values(obj)
    return "", ""


def _kind_facts(kind: type) -> tuple[int, bool, int, tuple[Any, ...]]:
    """What the walk does with objects of a class, asked of its real class dicts only: which
    category, whether they have a dict of attributes, whether they are sequences or dicts, and
    the member descriptors of their ``__slots__``."""
    category, has_state, container = _category(kind)
    slots = tuple(member for klass in real_mro(kind) for member in class_dict(klass).values()
                  if type(member) is types.MemberDescriptorType) if category in (INSTANCE, PARTIAL) else ()
    return category, has_state, container, slots


def _category(kind: type) -> tuple[int, bool, int]:
    mro = real_mro(kind)
    if type in mro:
        return CLASS, False, CONTAINER_NONE
    if types.ModuleType in mro:
        return MODULE, False, CONTAINER_NONE
    simple = {types.FunctionType: FUNCTION, types.MethodType: METHOD, types.BuiltinFunctionType: BUILTIN,
              types.CellType: REFERRER, types.CodeType: OPAQUE, types.GeneratorType: OPAQUE,
              types.CoroutineType: OPAQUE, types.AsyncGeneratorType: OPAQUE}
    if kind in simple:
        return simple[kind], False, CONTAINER_NONE
    if kind is property or kind is staticmethod or kind is classmethod:
        return REFERRER, False, CONTAINER_NONE
    if id(kind) in REFUSED_TYPES:
        return REFUSED, False, CONTAINER_NONE
    if kind is weakref.ProxyType or kind is weakref.CallableProxyType:
        return PROXY, False, CONTAINER_NONE
    if weakref.ReferenceType in mro:
        return WEAKREF, False, CONTAINER_NONE
    has_state = _DICT_OFFSET(kind) != 0
    container = (CONTAINER_SEQUENCE if issubclass(kind, (list, tuple, set, frozenset))
                 else CONTAINER_MAPPING if issubclass(kind, dict) else CONTAINER_NONE)
    if functools.partial in mro:
        return PARTIAL, has_state, container
    if real_name(kind) == "ufunc" and getattr(kind, "__module__", "") == "numpy":
        return UFUNC, False, CONTAINER_NONE
    return INSTANCE, has_state, container


def _refused(obj: Any, kind: type) -> str:
    return (f"it holds a `{real_name(kind)}` ({_shown(obj)}) made by your code, a callable or iterator of Python's built-in "
            "functions (such as functools.partial, operator or itertools objects) that runs with no Python code "
            "the grader can follow. Keep such objects out of the model and out of Keras' and Python's own state.")


def _proxy_referent(proxy: Any) -> Any:
    """What a weakref.proxy refers to (None once it is dead), found from the proxy's own C-level
    repr, "<weakproxy at 0x... to NAME at 0xADDRESS>", since Python offers no other way that
    does not call the referent."""
    text = type(proxy).__repr__(proxy)
    if " to " not in text or not text.endswith(">"):
        return None
    return ctypes.cast(int(text[:-1].rsplit(" at ", 1)[1], 16), ctypes.py_object).value


def _slot_values(obj: Any, kind: type, slots: tuple[Any, ...]) -> list[Any]:
    """The values of ``obj``'s ``__slots__``, read through its real classes' member descriptors."""
    values = []
    for member in slots:
        try:
            values.append(member.__get__(obj, kind))
        except AttributeError:
            pass
    return values


def problem(model: Any, own: Any) -> str:
    """What makes ``model``'s description untrustworthy, for the student, or ''."""
    layers = own.flatten_layers(model, include_self=False, recursive=True)
    for layer in layers:
        if id(type(layer)) not in own.layer_classes:
            return (f"the model contains `{real_name(type(layer))}`, a layer class of your own rather than Keras' "
                    "own (nested models included)")
    optimizer = inner_optimizer(vars(model).get("optimizer"), own)  # its own class is marked, not refused
    compiled_with = []  # the loss and metric objects (not names or functions) given to compile()
    record = vars(model).get("_compile_config")
    config = vars(record).get("config") if hasattr(record, "__dict__") else None
    if isinstance(config, dict):
        for key in ("loss", "metrics", "weighted_metrics"):
            compiled_with += [(f"the {key} `{real_name(type(item))}`", item) for item in _items(config.get(key))
                              if type(item) is not str and type(item) is not types.FunctionType]
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
    stale = _stale_traced_function(model, own)
    if stale:
        return (f"the model's cached `{stale}` was traced for other variables than the model, its optimizer and "
                "its metrics hold now (was it put back after compile()?), so it would train another model")
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


def _stale_traced_function(model: Any, own: Any) -> str:
    """The first of the model's cached train/test/predict functions whose TensorFlow traces use
    variables that are not the model's, its optimizer's or its metrics' now (or no longer exist),
    or ''. compile() drops these functions, so a trace of an earlier compile() put back after it
    would run the old optimizer, loss and layers on the next fit()."""
    state = vars(model)
    functions = {name: state.get(name) for name in ("train_function", "test_function", "predict_function")}
    if all(function is None for function in functions.values()):
        return ""
    current: set[int] = set()
    optimizer = state.get("optimizer")
    holders = [model.variables, model.metrics_variables]
    for held in (optimizer, inner_optimizer(optimizer, own)):
        if held is not None and id(type(held)) in own.known_types:
            holders.append(held.variables)
    for variables in holders:
        current.update(id(getattr(variable, "value", variable)) for variable in variables)
    for name, function in functions.items():
        if function is None:
            continue
        for traced in _traced_functions(function, own):
            try:
                if any(id(variable) not in current for concrete in traced._list_all_concrete_functions()
                       for variable in concrete.variables):
                    return name
            except AssertionError:  # TensorFlow: the trace references variables that were deleted
                return name
    return ""


def _traced_functions(function: Any, own: Any, depth: int = 0) -> list[Any]:
    """TensorFlow's traced functions that a cached Keras step function closes over (Keras wraps them
    in plain Python functions), by their real classes only."""
    found: list[Any] = []
    if type(function) is not types.FunctionType or depth > 3:
        return found
    for value in chain.from_iterable(map(references, function.__closure__ or ())):
        if type(value) is types.FunctionType:
            found += _traced_functions(value, own, depth + 1)
        elif id(type(value)) in own.known_types and real_name(type(value)) == "Function" \
                and "_list_all_concrete_functions" in class_dict(type(value)):
            found.append(value)
    return found


def compile_record_is_faithful(model: Any, own: Any) -> bool:
    """Whether the record compile() keeps (which get_compile_config serialises) holds the very
    optimizer, loss and metrics objects the model trains with, in Keras' own containers."""
    record_type, loss_type, metrics_type, _ = own.compile_records
    record = vars(model).get("_compile_config")
    if type(record) is not record_type or type(vars(record).get("config")) is not dict:
        return False
    config = record.config
    if config.get("optimizer") is not inner_optimizer(vars(model).get("optimizer"), own):
        return False
    loss, compile_loss = config.get("loss"), vars(model).get("_compile_loss")
    if loss is not None and (type(compile_loss) is not loss_type or vars(compile_loss).get("_user_loss") is not loss
                             or vars(compile_loss).get("_user_loss_weights") is not config.get("loss_weights")):
        return False
    if not _loss_scaling_is_keras_own(model, own):
        return False
    if loss is not None and vars(compile_loss).get("built") is True:
        built = [entry.loss if id(type(entry)) in own.known_types else None  # Keras' CompileLoss.Loss tuples
                 for entry in vars(compile_loss).get("_flat_losses", ())]
        if not _built_from(_items(loss), built, "fn", own):
            return False
    metrics, weighted = config.get("metrics"), config.get("weighted_metrics")
    compile_metrics = vars(model).get("_compile_metrics")
    if metrics is not None or weighted is not None:
        state = vars(compile_metrics) if type(compile_metrics) is metrics_type else {}
        if state.get("_user_metrics") is not metrics or state.get("_user_weighted_metrics") is not weighted:
            return False
        if state.get("built") is True:
            built = [metric for group in (*state.get("_flat_metrics", ()), *state.get("_flat_weighted_metrics", ()))
                     if group is not None for metric in vars(group).get("metrics", ())]
            return _built_from(_items(metrics) + _items(weighted), built, "_fn", own)
    return True


def _loss_scaling_is_keras_own(model: Any, own: Any) -> bool:
    """A LossScaleOptimizer around the model's optimizer is graded as the optimizer it wraps, so it
    must be the one compile() adds for a mixed_float16 model (float16 computations) with Keras'
    own settings: one put there by hand (a tiny initial scale) trains another model."""
    optimizer = vars(model).get("optimizer")
    if type(optimizer) is not own.compile_records[3]:
        return True
    state = vars(optimizer)
    policy = vars(model).get("_dtype_policy")
    compute = vars(policy).get("_compute_dtype") if hasattr(policy, "__dict__") else None
    scale, steps = state.get("initial_scale"), state.get("dynamic_growth_steps")
    return (type(compute) is str and compute == "float16" and type(scale) is float and scale == 2.0**15
            and type(steps) is int and steps == 2000)


def _built_from(given: list[Any], built: list[Any], function_attribute: str, own: Any) -> bool:
    """Whether the losses or metrics fit()/evaluate() built are what compile() was given: a name
    builds an object of that name, a function one wrapping it, and an object is used as it is.
    Edits to the record after building are thereby caught. Objects of the student's own classes
    are only compared by identity."""
    remaining = list(built)
    for item in given:
        for index, obj in enumerate(remaining):
            if type(item) is str or type(item) is types.FunctionType:
                state = vars(obj) if id(type(obj)) in own.known_types and hasattr(obj, "__dict__") else {}
                name = state.get("name")
                matched = (type(name) is str and name == item if type(item) is str
                           else state.get(function_attribute) is item)
            else:
                matched = obj is item
            if matched:
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


def _made_by_known_code(kind: type, own: Any) -> bool:
    """Whether a class made after the student's code started (Keras makes some as it builds, such
    as CompileLoss' WeightedLoss) holds nothing but functions whose code existed before, and data."""
    for klass in real_mro(kind):
        if id(klass) in own.known_types:
            continue
        if id(type(klass)) not in own.known_types:
            return False
        for name, member in class_dict(klass).items():
            if type(member) is types.FunctionType:
                if id(member.__code__) not in own.known_code:
                    return False
            elif id(type(member)) not in PLAIN_TYPE_IDS and not (type(name) is str and name in CLASS_BOOKKEEPING):
                return False
    return True


def _hidden_code(obj: Any, state: dict[str, Any]) -> str:
    """The first instance attribute of ``obj`` (its ``state``) that hides code of its class, or ''.

    Only a callable can stand in for code, and only code an instance attribute can hide counts:
    functions, anything callable and non-data descriptors (a property wins over the instance's
    dict anyway), but not the callable default of a dataclass field (TensorFlow's TracingOptions)."""
    callables = compress(state.keys(), map(callable, state.values()))
    suspects = sorted(name for name in callables if type(name) is str and name not in KERAS_INSTANCE_OVERRIDES)
    for name in suspects:
        for klass in real_mro(type(obj)):  # the nearest class defining the name decides what it hides
            member = class_dict(klass).get(name, state)
            if member is state:
                continue
            fields = class_dict(klass).get("__dataclass_fields__")
            if type(fields) is dict and name in fields:
                break  # a dataclass field whose default is callable: data, not a method
            if state[name] is not member and holds_code(member) and not is_descriptor(member, "__set__"):
                return name
            break
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
    """The leaves of a structure of dicts, lists and tuples (exact types only: no code of the
    student's runs)."""
    if type(value) is dict:
        return [item for inner in value.values() for item in _items(inner)]
    if type(value) is list or type(value) is tuple:
        return [item for inner in value for item in _items(inner)]
    return [] if value is None else [value]


def _name(layer: Any) -> str:
    name = vars(layer).get("name")
    return name if isinstance(name, str) else type(layer).__name__


def _shown(obj: Any) -> str:
    """What a refused object is, for the message: its name, or what it wraps (no code of its own runs)."""
    kind = type(obj)
    try:
        if kind is types.BuiltinFunctionType or kind is types.MethodWrapperType:
            return f"`{obj.__qualname__}` of a `{real_name(type(obj.__self__))}`"
        if functools.partial in real_mro(kind):
            inner = _PARTIAL_STATE(obj)[0]
            return f"over `{getattr(inner, '__qualname__', real_name(type(inner)))}`"
    except Exception:  # noqa: BLE001 - only a description
        pass
    return "a C-level object"
