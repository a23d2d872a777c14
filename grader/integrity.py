"""Runs in the sandboxed child, after the student's code: is the model that will be exported the
model that computes?

The export is a description (Keras configs) produced by calling methods on the student's
objects; the grade is decided from it elsewhere. Each check here closes a way in which the
description and the model can be made to disagree with ordinary Python, no memory tricks:

- methods replaced on one object (``layer.get_config = ...``, ``optimizer.update_step = ...``);
- a function of the student's own named like a Keras activation (saved by name only);
- a loss or metric object (compile()'s own CompileLoss and CompileMetrics too) that is not what its
  config rebuilds: an inner function swapped, or a field its config leaves out (`_dtype`) changed;
- layer classes of the student's own anywhere in the model, nested models included;
- a Sequential whose layer list no longer is the graph it runs, or a graph node running a layer
  that is not the model's;
- a graph whose stored nodes, node arguments or input tensors are not what Keras derives again
  from its inputs and outputs;
- a layer computing with variables other than the weights it tracks;
- an optimizer whose variables are not laid out as a new one's, whose slot lists or learning
  rate hold a variable it does not track, holds twice or that is a model weight, whose fields are
  not what its config rebuilds, whose step counter no training leaves, whose slots before its
  first step are not a new one's, or that was built for other variables than the model's
  trainable weights (unsupported, not tampered); a loss scale (the LossScaleOptimizer compile()
  adds) that, before the optimizer it wraps has stepped, is not its initial scale halved by a few
  overflowing steps;
- a graph mapping its layers to other operations, a layer reporting other losses than its own;
- a variable (weight, optimizer or metric variable) whose own fields are not the TensorFlow
  variable that computes: a cached value read in its place, a trainable weight that TensorFlow's
  gradient tape does not watch, a shape or dtype other than its value's; two variables that
  share one storage;
- an activity regularizer on a model itself (Keras does not save it), metrics a layer tracks of
  its own, or a loss tracker other than Keras' mean (what fit() and evaluate() report);
- a compile record that is not the optimizer, loss and metrics the model trains with, or built
  losses and metrics that are not what Keras builds from it now.

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
import math
import operator
import types
import weakref
from itertools import chain, compress
from operator import attrgetter, not_
from typing import Any, NamedTuple

import numpy

from keras.src.metrics.reduction_metrics import Mean
from tensorflow.python.framework.dtypes import as_dtype
from tensorflow.python.ops.gen_array_ops import resource_strided_slice_assign, strided_slice
from tensorflow.python.ops.gen_resource_variable_ops import assign_variable_op, read_variable_op
from tensorflow.python.eager.polymorphic_function.polymorphic_function import UnliftedInitializerVariable
from tensorflow.python.distribute.values import DistributedValues
from tensorflow.python.ops.resource_variable_ops import ResourceVariable

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


class Unsupported(str):
    """A finding of ``problem`` that honest code explains: the model is not graded, but nothing
    was tampered with (the verdict is unsupported_model)."""


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
            return (f"{what} is not what its own config rebuilds (another inner function, or a field its config leaves "
                    "out, such as its `_dtype`, changed)")
    stale = _stale_traced_function(model, own)
    if stale:
        return (f"the model's cached `{stale}` was traced for other variables than the model, its optimizer and "
                "its metrics hold now (was it put back after compile()?), so it would train another model")
    if type(model) is own.sequential and not _sequential_runs_its_layers(model, own):
        return "the Sequential model's layer list is not the graph it runs (was `_layers` edited after building?)"
    graphs = [vars(layer).get("_functional") if type(layer) is own.sequential else layer
              for layer in [model, *layers] if id(type(layer)) in own.model_classes]
    for graph in [graph for graph in graphs if graph is not None]:
        if not _graph_runs_its_layers(graph, own):
            return "the model's graph runs a layer that is not one of its layers (was a node's operation replaced?)"
        broken = _graph_disagreement(graph, own)
        if broken:
            return f"the graph the model runs is not the one its config describes: {broken}"
    for layer in [model, *layers]:
        if vars(layer).get("_losses_override"):
            return (f"`{_name(layer)}` reports other losses than its own (`_losses_override`), which fit() would add "
                    "to the loss")
    unfresh = _optimizer_state_problem(optimizer, own, {id(weight) for weight in own.weights(model)}) \
        or _loss_scale_state_problem(vars(model).get("optimizer"), own)
    if unfresh:
        return (f"the optimizer's {unfresh}, which its config does not record, so it would train differently from "
                "the optimizer the grader rebuilds")
    if optimizer is not None and id(type(optimizer)) in own.optimizer_classes and vars(optimizer).get("built") is True:
        tracked = set(_ids(vars(optimizer).get("_trainable_variables"), own) or ())
        missing = [weight for weight in model.trainable_variables if id(weight) not in tracked]
        if missing:
            return Unsupported(f"its optimizer was built for other variables than the model's trainable weights "
                               f"(`{getattr(missing[0], 'path', '?')}` is not among them: built for another model, or "
                               "before a layer was unfrozen), so fit() would stop with an error. Give compile() a new "
                               "optimizer, such as optimizer='adam'")
    for layer in layers:
        if not _uses_its_own_weights(layer, own):
            return (f"layer `{_name(layer)}` computes with other variables than the weights it tracks (was its "
                    "kernel or bias replaced or removed after building?)")
    tracker = vars(model).get("_loss_tracker")
    if tracker is not None and (type(tracker) is not Mean or not _same_plain_state(
            vars(tracker), vars(Mean(name="loss")), LOSS_METRIC_BOOKKEEPING)):
        return "the loss fit() and evaluate() report is not Keras' mean of the loss (`_loss_tracker` was replaced)"
    for layer in [model, *layers]:
        if id(type(layer)) in own.model_classes and vars(layer).get("activity_regularizer") is not None:
            return (f"the model `{_name(layer)}` itself has an activity regularizer, which fit() adds to the loss and "
                    "which Keras does not save with a Sequential or functional model")
        if _sequence(vars(layer).get("_metrics"), own):
            return (f"`{_name(layer)}` tracks metrics of its own (`_metrics`), which fit() and evaluate() would report "
                    "in place of the compiled ones")
    variables = [*own.weights(model), *model.metrics_variables]
    for held in (optimizer, vars(model).get("optimizer")):
        if held is not None and id(type(held)) in own.known_types:
            variables += _sequence(vars(held).get("_variables"), own) or []
    if any(isinstance(instance_dict(variable).get("_value"), DistributedValues) for variable in variables):
        return Unsupported("it was built inside a tf.distribute strategy's scope, whose variables the grader does "
                           "not read; build the model you hand in outside `strategy.scope()`")
    for variable in variables:
        lie = _variable_lie(variable)
        if lie:
            return (f"the variable `{getattr(variable, 'path', '?')}` {lie}, so it would compute otherwise than the "
                    "grader sees")
    shared = _shared_storage(variables)
    if shared:
        return (f"the variables `{getattr(shared[0], 'path', '?')}` and `{getattr(shared[1], 'path', '?')}` are one "
                "storage (what is written through one is read through the other), so training would not update "
                "them as the grader sees them")
    return ""


def _shared_storage(variables: list[Any]) -> tuple[Any, Any] | None:
    """Two of ``variables`` that read and write one storage, or None. Found by writing a different
    constant through each (after reading all of them) and reading each back; every value is then
    put back as it was. Of a big variable only the first element is written, which keeps the
    memory of a big layer flat. Identity of the objects cannot tell: two handles may name one
    resource."""
    distinct = list({id(variable): variable for variable in variables}.values())
    marked = []
    for variable in distinct:
        inner = vars(vars(variable)["_value"])  # each checked by _variable_lie first
        dtype = as_dtype(vars(variable)["_dtype"])
        size = inner["_shape"].num_elements()
        exact = 2048 if dtype.size <= 2 else 2 ** 24  # the integers the dtype holds exactly
        if not (dtype.is_floating or dtype.is_integer) or not size or len(distinct) >= exact:
            continue  # a marker that dtype cannot hold exactly, or no element to hold it
        shape = tuple(inner["_shape"])  # its value's, checked by _variable_lie
        marked.append((variable, _Storage(inner["_handle"], dtype, shape, size <= _WHOLE_VALUE_LIMIT)))
    saved = [storage.read() for _, storage in marked]
    try:
        for index, (_, storage) in enumerate(marked):
            storage.write(index + 1)
        for index, (variable, storage) in enumerate(marked):
            found = storage.read().reshape(-1)
            if not (found == index + 1).all():
                other = int(found.max()) - 1  # the marker of the variable written through it last
                return variable, marked[other][0] if 0 <= other < len(marked) else variable
    finally:
        for (_, storage), value in zip(marked, saved):
            storage.write(value)
    return None


_WHOLE_VALUE_LIMIT = 1 << 16  # elements; above it, only the first element is marked


def weight_values(variable: Any) -> list[bool]:
    """What a weight's value says about whether the model can learn, and nothing else of it is
    graded: ``[finite, same_units]``, whether every element is finite, and whether it has two or
    more units (its last axis) that all hold the same numbers, as a constant initializer leaves
    them. Read from its TensorFlow variable, which ``_variable_lie`` checked first."""
    state = vars(variable)
    dtype = as_dtype(state["_dtype"])
    if not dtype.is_floating:
        return [True, False]
    value = read_variable_op(vars(state["_value"])["_handle"], dtype).numpy()
    finite = bool(numpy.isfinite(value).all())
    same_units = value.ndim >= 2 and value.shape[-1] >= 2 and bool((value == value[..., :1]).all())
    return [finite, same_units]


class _Storage(NamedTuple):
    """A variable's storage: its whole value, or (a big one) the element at index 0."""
    handle: Any
    dtype: Any
    shape: tuple[int, ...]
    whole: bool

    def read(self) -> Any:
        value = read_variable_op(self.handle, self.dtype)
        if self.whole:
            return value.numpy()
        corner = [1] * len(self.shape)
        return strided_slice(value, [0] * len(corner), corner, corner).numpy()

    def write(self, value: Any) -> None:
        target = self.shape if self.whole else (1,) * len(self.shape)
        value = numpy.broadcast_to(numpy.asarray(value, self.dtype.as_numpy_dtype), target)
        if self.whole:
            assign_variable_op(self.handle, value)
        else:
            resource_strided_slice_assign(self.handle, [0] * len(target), list(target), list(target), value)


def _variable_lie(variable: Any) -> str:
    """How a Keras variable's own fields (which the export reads) differ from the TensorFlow
    variable that computes with it, or ''. Its shape and dtype are read from the value itself."""
    state = instance_dict(variable)
    value = state.get("_value")
    if type(value) is not ResourceVariable and type(value) is not UnliftedInitializerVariable:  # made in a trace
        return "is not backed by a TensorFlow variable of its own"
    inner = vars(value)
    if inner.get("_cached_value") is not None:  # what a read returns in place of the variable's value
        return "has a cached value that is read in place of its own"
    # Keras does not tell TensorFlow when a variable is frozen (it asks no gradient for it then), but
    # a variable Keras trains must be one TensorFlow's gradient tape watches.
    if type(state.get("_trainable")) is not bool or (state["_trainable"] and inner.get("_trainable") is not True):
        return "is trainable for Keras but not for TensorFlow's gradients"
    try:
        dtype = as_dtype(state.get("_dtype"))
        shape = tuple(read_variable_op(inner.get("_handle"), dtype).shape)
    except Exception:  # noqa: BLE001 - a dtype that is not its value's
        return "holds a value of another dtype than it reports"
    if shape != tuple(state.get("_shape") or ()) or shape != tuple(inner.get("_shape") or ()) \
            or inner.get("_dtype") is not dtype:
        return "holds a value of another shape or dtype than it reports"
    return ""


# What an optimizer records of its build (its variables are compared below).
OPTIMIZER_BOOKKEEPING = frozenset({"built", "_lock", "_variables", "_trainable_variables", "_tracker",
                                   "_trainable_variables_indices"})


def _shared_variable(state: dict[str, Any], model_weights: set[int], own: Any) -> str:
    """The first of an optimizer's variable fields (``_learning_rate``, ``_iterations``) and slot
    lists (``_momentums``, ``_velocities``, ...), which update_step reads, holding a variable the
    optimizer does not track, one held twice, or one of the model's weights, described; or ''."""
    tracked = set(_ids(state.get("_variables"), own) or ())
    seen: dict[int, str] = {}
    for name, value in state.items():
        if type(name) is not str or name in OPTIMIZER_BOOKKEEPING:
            continue
        items = [value] if isinstance(value, own.variable) else \
            _sequence(value, own) if isinstance(value, list) else None
        if not items or not all(isinstance(item, own.variable) for item in items):
            continue
        for item in items:
            if id(item) not in tracked:
                return f"`{name}` holds a variable it does not track (swapped in after it was built)"
            if id(item) in model_weights:
                return f"`{name}` holds one of the model's own weights"
            if id(item) in seen:
                return f"`{name}` and `{seen[id(item)]}` hold the same variable"
            seen[id(item)] = name
    return ""


def _optimizer_state_problem(optimizer: Any, own: Any, model_weights: set[int]) -> str:
    """What in a Keras optimizer's state is not where Keras leaves it, or ''. Its config leaves
    out the step counter and the slots (Adam's moments, momentum): the counter is never negative
    (-1 makes Adam's first update 0/0), and while it is 0 the slots are a new optimizer's. Once it
    has stepped (in fit(), or in a loop of the student's own before compile()), they are whatever
    training left, which is not graded: no check can tell them from values set by hand."""
    if optimizer is None or id(type(optimizer)) not in own.optimizer_classes:
        return ""  # none, or of the student's own class: graded as custom, never rebuilt
    state = vars(optimizer)
    try:
        fresh = type(optimizer).from_config(optimizer.get_config())
    except Exception:  # noqa: BLE001 - a config its own class cannot read back is not to be trusted
        return "config cannot be read back"
    if not _same_plain_state(state, vars(fresh), OPTIMIZER_BOOKKEEPING):
        return "settings are not what its config rebuilds (a field its config leaves out was changed)"
    counter = state.get("_iterations")
    try:
        steps = int(counter.numpy()) if isinstance(counter, own.variable) else None
    except Exception:  # noqa: BLE001
        steps = None
    if steps is None:
        return "step counter is not a Keras variable"
    built = state.get("built") is True
    variables = _sequence(state.get("_trainable_variables"), own)
    try:
        if built:
            fresh.build(variables)
        held, new = [_sequence(vars(opt).get("_variables"), own) for opt in (optimizer, fresh)]
        same_layout = held is not None and new is not None and len(held) == len(new) and all(
            isinstance(a, own.variable) and _plain_equal(vars(a).get("_path"), vars(b).get("_path"))
            and tuple(a.shape) == tuple(b.shape) and _plain_equal(a.dtype, b.dtype) for a, b in zip(held, new))
    except Exception:  # noqa: BLE001 - a state Keras cannot rebuild is not a new optimizer's
        same_layout = False
    if not same_layout:
        return "variables are not the ones a new optimizer of its config has (one added or swapped in)"
    if steps < 0 or (steps > 0 and not built):
        return f"step counter is {steps}, which no training step leaves"
    shared = _shared_variable(state, model_weights, own)
    if shared:
        return shared
    if steps > 0 or not built:
        return ""
    try:
        learning_rate = state.get("_learning_rate")
        same = all(a is learning_rate or bool((a.numpy() == b.numpy()).all()) for a, b in zip(held, new))
    except Exception:  # noqa: BLE001 - a state Keras cannot rebuild is not a new optimizer's
        same = False
    return "" if same else "slot variables (such as Adam's moments) are not a new optimizer's before any training step"


MAX_OVERFLOW_HALVINGS = 24  # of a loss scale before the first step (see below)


def _loss_scale_state_problem(optimizer: Any, own: Any) -> str:
    """The LossScaleOptimizer compile() adds (neither its scale nor its counter is in a config; a
    scale of 0 makes every gradient NaN). Until the optimizer it wraps has stepped, only steps whose
    gradients overflowed can have run, and each halved the scale and reset the counter: the scale
    is its initial scale halved k times, and k stays small, since once the scaled gradients fit in
    float16 they no longer overflow (k <= 24 takes 2**15 down to 2**-9)."""
    if type(optimizer) is not own.compile_records[3]:
        return ""
    state = vars(optimizer)
    if state.get("built") is not True:
        return ""  # its scale and counter are made when it is built
    try:
        scale, steps = float(state["dynamic_scale"].numpy()), int(state["step_counter"].numpy())
        inner_steps = int(vars(state["inner_optimizer"])["_iterations"].numpy())
        initial = float(state["initial_scale"])
    except Exception:  # noqa: BLE001
        return "loss scale cannot be read"
    if inner_steps != 0:
        return ""
    halvings = math.log2(initial / scale) if scale > 0 and initial > 0 else -1.0
    if steps != 0 or not (halvings == int(halvings) and 0 <= halvings <= MAX_OVERFLOW_HALVINGS):
        return f"loss scale is {scale} (step counter {steps}) before any training step"
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
    if loss is not None and not _fields_as_compiled(compile_loss, loss_type, (loss, config.get("loss_weights"))):
        return False
    if loss is not None and vars(compile_loss).get("built") is True \
            and not _built_losses_match(loss, config.get("loss_weights"), vars(compile_loss).get("_flat_losses"),
                                        _output_names(model, own), own):
        return False
    metrics, weighted = config.get("metrics"), config.get("weighted_metrics")
    compile_metrics = vars(model).get("_compile_metrics")
    if metrics is not None or weighted is not None:
        state = vars(compile_metrics) if type(compile_metrics) is metrics_type else {}
        if state.get("_user_metrics") is not metrics or state.get("_user_weighted_metrics") is not weighted:
            return False
        if not _fields_as_compiled(compile_metrics, metrics_type, (metrics, weighted)):
            return False
        if state.get("built") is True:
            built = [metric for group in (*state.get("_flat_metrics", ()), *state.get("_flat_weighted_metrics", ()))
                     if group is not None for metric in vars(group).get("metrics", ())]
            given = [(item, None) for item in _items(metrics) + _items(weighted)]
            return _built_from(given, [(metric, None) for metric in built], own.get_metric, own)
    return True


# What a CompileLoss or CompileMetrics records of its build and of the outputs, and what is
# compared by identity elsewhere.
COMPILE_BOOKKEEPING = frozenset({
    "built", "_y_pred_build_structure", "_y_true_build_structure", "_resolved_output_names", "output_names",
    "_user_loss", "_user_loss_weights", "_user_metrics", "_user_weighted_metrics", "_metrics", "_variables",
    "_tracker", "_flat_losses", "_flat_metrics", "_flat_weighted_metrics",
})


def _output_names(model: Any, own: Any) -> list[str] | None:
    """The names of the model's outputs, from its graph (exact strings only), or None."""
    graph = vars(model).get("_functional") if type(model) is own.sequential else model
    outputs = _sequence(vars(graph).get("_outputs"), own) if graph is not None else None
    if outputs is None:
        return None
    layers = [_history(tensor, own)[0] for tensor in outputs]
    names = [None if layer is None else instance_dict(layer).get("name") for layer in layers]
    return names if all(type(name) is str for name in names) else None


def _fields_as_compiled(record: Any, kind: type, given: tuple[Any, Any]) -> bool:
    """A CompileLoss or CompileMetrics has the plain fields (``_dtype``, ``reduction``, ``name``)
    and dtype policy of a new one made from what compile() was given: CompileLoss casts every
    loss to its ``_dtype``, which nothing saves."""
    try:
        fresh = vars(kind(*given, output_names=vars(record).get("output_names")))
    except Exception:  # noqa: BLE001 - what compile() accepted, Keras accepts again
        return False
    state = vars(record)
    return _same_plain_state(state, fresh, COMPILE_BOOKKEEPING)


def _loss_scaling_is_keras_own(model: Any, own: Any) -> bool:
    """A LossScaleOptimizer around the model's optimizer is graded as the optimizer it wraps, so it
    must be the one compile() adds for a mixed_float16 model (float16 computations) with Keras'
    own settings: one put there by hand (a tiny initial scale) trains another model."""
    optimizer = vars(model).get("optimizer")
    if type(optimizer) is not own.compile_records[3]:
        return True
    state = vars(optimizer)
    policy = vars(model).get("_dtype_policy")
    compute = instance_dict(policy).get("_compute_dtype")
    scale, steps = state.get("initial_scale"), state.get("dynamic_growth_steps")
    return (type(compute) is str and compute == "float16" and type(scale) is float and scale == 2.0**15
            and type(steps) is int and steps == 2000)


def _built_losses_match(loss: Any, weights: Any, entries: Any, outputs: list[str] | None, own: Any) -> bool:
    """Whether the losses fit()/evaluate() built (``CompileLoss._flat_losses``) are the ones
    compile() was given, each with its own weight: Keras keeps the very weight objects given."""
    if type(entries) is not list or not all(type(entry) is own.loss_entry for entry in entries):
        return False
    items = _leaves(loss)
    given_weights = [None] * len(items or ()) if weights is None else _leaves(weights)
    if items is None or given_weights is None or len(items) != len(given_weights):
        return False
    given = [(item, weight) for item, weight in zip(items, given_weights) if item is not None]
    if not _paths_are_outputs([tuple.__getitem__(entry, 0) for entry in entries], outputs):
        return False
    built = [(tuple.__getitem__(entry, 1), tuple.__getitem__(entry, 2)) for entry in entries]
    return _built_from(given, built, own.get_loss, own)


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


# (y_true, y_pred) shapes that make Keras resolve "crossentropy" and "accuracy" to their binary,
# sparse categorical and categorical versions (compile_utils.is_binary_or_sparse_categorical).
_LABEL_SHAPES = (((None, 1), (None, 1)), ((None,), (None, 10)), ((None, 10), (None, 10)))
_AMBIGUOUS_NAMES = frozenset({"crossentropy", "ce", "accuracy", "acc"})


class _Shaped(NamedTuple):
    shape: tuple[int | None, ...]


def _built_from(given: list[tuple[Any, Any]], built: list[tuple[Any, Any]], resolve: Any, own: Any) -> bool:
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
                                                any(_same_built(obj, candidate, own) for candidate in fresh))
            if matched:
                del remaining[index]
                break
        else:
            return False
    if remaining and len(given) == 1:  # the one loss, built again for every other output
        return _built_from(given * len(remaining), remaining, resolve, own)
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


def _same_built(obj: Any, fresh: Any, own: Any) -> bool:
    """``obj`` is what Keras built, as Keras built it: the class, config, inner function (by
    identity, a student's own function too) and plain fields of ``fresh``, a new build from the
    same name or function."""
    if type(obj) is not type(fresh) or id(type(obj)) not in own.known_types:
        return False
    state, new = instance_dict(obj), instance_dict(fresh)
    if not all(state.get(name) is new.get(name) for name in ("fn", "_fn")) \
            or not _same_plain_state(state, new, LOSS_METRIC_BOOKKEEPING):
        return False
    try:
        return _config_equal(obj.get_config(), fresh.get_config())
    except Exception:  # noqa: BLE001 - a config its own class cannot produce is not Keras'
        return False


def _config_equal(a: Any, b: Any) -> bool:
    """Equality of two Keras configs, asked of exact plain types only."""
    if type(a) is dict and type(b) is dict:
        return len(a) == len(b) and all(type(key) is str and key in b and _config_equal(a[key], b[key]) for key in a)
    if (type(a) is list or type(a) is tuple) and type(a) is type(b):
        return len(a) == len(b) and all(map(_config_equal, a, b))
    return _plain_equal(a, b)


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


# Fields of a loss or metric that record what it has done (set by its first update), and the lists
# that track its variables.
LOSS_METRIC_BOOKKEEPING = frozenset({"built", "_built", "_build_input_shape", "_metrics", "_variables", "_tracker"})
# A dtype policy computes by its dtypes; Keras itself renames some on the way through a config ("int" to "int64").
POLICY_NAME = frozenset({"_name"})


def full_config(obj: Any) -> dict[str, Any]:
    """A Keras loss's or metric's config, with the dtype it computes in, which a loss's leaves out
    (``dtype="float16"`` is a choice of the student's, which the export then carries)."""
    config = obj.get_config()
    return config if "dtype" in config else {**config, "dtype": policy_name(obj)}


def policy_name(obj: Any) -> Any:
    """The name of an object's dtype policy, read from its instance dict (None if it has none)."""
    return instance_dict(instance_dict(obj).get("_dtype_policy")).get("_name")


def _same_inner_function(obj: Any) -> bool:
    """A Keras loss or metric is what a fresh object of its class, made from its config, is: the
    same inner function (by identity, as a function is saved by name) and plain keyword arguments,
    and the same plain fields, its dtype policy's included. What get_config leaves out (a loss's
    ``_dtype``, its ``reduction`` in some classes) is what the object computes with all the same."""
    state = vars(obj) if hasattr(obj, "__dict__") else {}
    try:
        fresh = vars(type(obj).from_config(full_config(obj)))
    except Exception:  # noqa: BLE001 - a config its own class cannot read back is not to be trusted
        return False
    kwargs = state.get("_fn_kwargs", {})
    if not isinstance(kwargs, dict) or any(type(value) not in PLAIN_TYPES for value in kwargs.values()):
        return False
    if not all(state.get(name) is fresh.get(name) for name in ("fn", "_fn")):
        return False
    return _same_plain_state(state, fresh, LOSS_METRIC_BOOKKEEPING)


def _same_plain_state(state: dict[str, Any], fresh: dict[str, Any], skip: frozenset[str]) -> bool:
    """Whether an object's instance dict holds the plain fields (``skip`` aside) and dtype policy
    (by its dtypes) of ``fresh``'s, a new object made from its config or from what it was made of."""
    return _plain_fields(state, skip) == _plain_fields(fresh, skip) \
        and _plain_fields(instance_dict(state.get("_dtype_policy")), POLICY_NAME) == \
        _plain_fields(instance_dict(fresh.get("_dtype_policy")), POLICY_NAME)


def _plain_fields(state: dict[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The fields of an instance dict that hold plain data (exact types), or None if a key is not
    an exact string."""
    if not all(type(name) is str for name in state):
        return None
    return {name: value for name, value in state.items()
            if name not in skip and not name.startswith("_self_") and _is_plain_data(value)}


def _is_plain_data(value: Any, depth: int = 0) -> bool:
    kind = type(value)
    if kind in PLAIN_TYPES:
        return True
    if depth > 10:
        return False
    if kind is list or kind is tuple:
        return all(_is_plain_data(item, depth + 1) for item in value)
    if kind is dict:
        return all(type(key) is str and _is_plain_data(item, depth + 1) for key, item in value.items())
    return False


def instance_dict(obj: Any) -> dict[str, Any]:
    """``vars(obj)`` for an object that has an instance dict, else {} (no code of the object's runs)."""
    return vars(obj) if obj is not None and _DICT_OFFSET(type(obj)) != 0 else {}


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


def _graph_disagreement(graph: Any, own: Any) -> str:
    """What makes a model's graph (the ``Function`` a functional model is, or a Sequential keeps
    in ``_functional``) run other than Keras would from its own inputs and outputs, or ''.

    Keras runs a graph by its stored node lists, each node's stored arguments and outputs, and the
    stored input tensors' dtypes; it saves it from the tensors' histories. Everything Keras derived
    when building the graph is derived again here with Keras' own code and must be what is stored."""
    state = vars(graph)
    inputs, outputs = state.get("_inputs"), state.get("_outputs")
    if "_nnx_op_mapping" in state:  # Flax NNX only (JAX): the graph would run these in place of its own layers
        return "it maps its layers to other operations (`_nnx_op_mapping`)"
    if type(inputs) is not list or type(outputs) is not list or not inputs or not outputs:
        return "its inputs or outputs are not Keras' lists"
    for stored, struct in ((inputs, "_inputs_struct"), (outputs, "_outputs_struct")):
        if list(map(id, own.flatten(state.get(struct)))) != list(map(id, stored)):
            return f"`{struct}` and the flat list Keras keeps beside it disagree (was one of them replaced?)"
    if not all(type(tensor) is own.keras_tensor for tensor in inputs + outputs):
        return "an input or output is not a Keras tensor"
    try:
        nodes, by_depth, operations, operations_by_depth = own.map_graph(inputs, outputs)
    except Exception:  # noqa: BLE001 - Keras cannot walk the graph it would save
        return "Keras cannot trace its outputs back to its inputs"
    if state.get("_nodes") != nodes or _ids_by_depth(state.get("_nodes_by_depth")) != _ids_by_depth(by_depth) \
            or _ids_by_depth(state.get("_operations_by_depth")) != _ids_by_depth(operations_by_depth) \
            or _ids(state.get("_operations"), own) != list(map(id, operations)) \
            or _ids(state.get("_layers"), own) != list(map(id, operations)):
        return "its stored nodes and layers are not the ones between its inputs and its outputs (were " \
               "`_outputs` or the node lists edited?)"
    for tensor in inputs:
        layer = _history(tensor, own)[0]
        if type(layer) is not own.input_layer or vars(layer).get("_input_tensor") is not tensor \
                or not _same_input(vars(tensor), vars(layer)):
            return "an input tensor's shape or dtype is not its InputLayer's (was the tensor's `_dtype` edited?)"
    for nodes_at_depth in by_depth.values():
        for node in nodes_at_depth:
            wrong = _node_disagreement(node, own)
            if wrong:
                return wrong
    return ""


def _node_disagreement(node: Any, own: Any) -> str:
    """A node's derived fields are what Keras derives from its arguments, and its outputs record it."""
    state = vars(node)
    operation, arguments, outputs = state.get("operation"), state.get("arguments"), state.get("outputs")
    if type(arguments) is not own.symbolic_arguments or type(outputs) is not list:
        return "a node's arguments or outputs are not Keras' own"
    held = vars(arguments)
    args, kwargs = held.get("args"), held.get("kwargs")
    if type(args) is not tuple or type(kwargs) is not dict or not all(type(key) is str for key in kwargs):
        return "a node's arguments are not Keras' own"
    try:
        fresh = vars(own.symbolic_arguments(*args, **kwargs))
    except Exception:  # noqa: BLE001 - arguments Keras could not have stored
        return "a node's arguments are not Keras' own"
    for name in ("_flat_arguments", "keras_tensors"):
        if list(map(id, _items(held.get(name)))) != list(map(id, _items(fresh[name]))):
            return f"a node's `{name}` is not what its arguments hold"
    if held.get("_single_positional_tensor") is not fresh["_single_positional_tensor"] \
            or state.get("is_input") is not (not fresh["keras_tensors"]):
        return "a node's shortcut to its input is not its argument"
    inbound = _sequence(vars(operation).get("_inbound_nodes"), own) if hasattr(operation, "__dict__") else None
    index = next((i for i, other in enumerate(inbound) if other is node), None) if inbound is not None else None
    if index is None:
        return "a node is not one of its layer's calls"
    for position, tensor in enumerate(outputs):
        history = _history(tensor, own)
        if history[0] is not operation or history[1] != index or history[2] != position:
            return "a node's outputs are not the tensors that record it"
    for tensor in fresh["keras_tensors"]:
        parent, parent_index, position = _history(tensor, own)
        if parent is None:
            continue
        calls = _sequence(vars(parent).get("_inbound_nodes"), own) if hasattr(parent, "__dict__") else None
        produced = _sequence(vars(calls[parent_index]).get("outputs"), own) \
            if calls is not None and 0 <= parent_index < len(calls) else None
        if produced is None or not 0 <= position < len(produced) or produced[position] is not tensor:
            return "a node reads a tensor that no node of the graph produces"
    return ""


def _history(tensor: Any, own: Any) -> tuple[Any, int, int]:
    """A Keras tensor's (operation, node index, tensor index), read as Keras' own tuple only."""
    history = vars(tensor).get("_keras_history") if type(tensor) is own.keras_tensor else None
    if type(history) is not own.keras_history:
        return None, -1, -1
    operation, node_index, tensor_index = tuple.__iter__(history)
    if type(node_index) is not int or type(tensor_index) is not int:
        return None, -1, -1
    return operation, node_index, tensor_index


def _same_input(tensor: dict[str, Any], layer: dict[str, Any]) -> bool:
    """A graph input tensor has its InputLayer's shape, dtype, sparsity and raggedness (the
    graph casts every batch to the tensor's dtype; the config saves the layer's)."""
    pairs = ((tensor.get("_shape"), layer.get("_batch_shape")), (tensor.get("_dtype"), layer.get("_dtype")),
             (tensor.get("_sparse"), layer.get("sparse")), (tensor.get("_ragged"), layer.get("ragged")))
    return all(_plain_equal(a, b) for a, b in pairs)


def _plain_equal(a: Any, b: Any) -> bool:
    """Equality of plain values and tuples of them, asked of exact types only (no code of the student's runs)."""
    if type(a) is tuple and type(b) is tuple:
        return len(a) == len(b) and all(map(_plain_equal, a, b))
    return type(a) is type(b) and type(a) in PLAIN_TYPES and a == b


def _sequence(value: Any, own: Any) -> list[Any] | None:
    """A list's items; Keras keeps some lists in TensorFlow's tracking wrapper (a class of
    TensorFlow's own, which iterates its storage). None for anything else."""
    if type(value) is list or type(value) is tuple:
        return list(value)
    if isinstance(value, list) and id(type(value)) in own.known_types:
        return list(iter(value))
    return None


def _ids(value: Any, own: Any) -> list[int] | None:
    items = _sequence(value, own)
    return None if items is None else list(map(id, items))


def _ids_by_depth(value: Any) -> Any:
    """A depth -> list mapping as depth -> ids, in order, or None for anything else."""
    if not isinstance(value, dict) or not all(type(key) is int for key in value):
        return None
    return {key: [id(item) for item in _items(items)] for key, items in dict.items(value)}


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
