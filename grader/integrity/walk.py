"""The object walk: C-level callables left where the export could call them, and code hidden on
Keras' own objects. Runs in the sandboxed child's sender thread, before the export.

The export runs Keras' and Python's code in the sender on state the submission may have edited.
A Python function of the student's that it would call is stopped by the sender's guard (the
export then ends as unsupported: ``grader.child.sender``); a C-level callable that binds arguments or
chains calls (a ``functools.partial`` over ``os.write``, ``map``, ``operator.methodcaller``) has
no Python frame to stop. ``walk`` follows everything reachable from its roots through instance
attributes, lists, tuples, dicts, class dicts, closures and such objects, down to objects that
existed before the student's code ran (``known``), and reports the first such callable. It reads
every object through its real class only (``grader.integrity.common.instance_dict``), so no
code of a class the student or a library defined runs while it walks.

Callables that run the one operation their caller asks for (a built-in, a ufunc, a method of a
C type, an ``itertools.count``) are not refused: honest code leaves them everywhere (matplotlib's
figures keep an ``itertools.count``), and they do nothing their caller did not choose.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import functools
import gc
import itertools
import operator
import types
import weakref
from itertools import chain, compress
from operator import attrgetter, not_
from typing import Any

from grader.integrity.common import PLAIN_TYPE_IDS, instance_dict, real_name
from grader.introspect import PLAIN_TYPES as PLAIN_TYPE_SET
from grader.introspect import (
    class_dict,
    holds_code,
    is_descriptor,
    real_mro,
    references,
)

# Instance attributes Keras itself sets over methods of the same name (wrappers made in
# Layer.__new__, and compile()'s `self.loss = loss`).
KERAS_INSTANCE_OVERRIDES = frozenset({"build", "quantize", "loss"})

# The C-level ways to bind arguments to a call or to chain calls to callables of the caller's
# choosing (``itertools.starmap(os.write, ...)``); a ``functools.partial`` or a bound method is
# refused only when what it binds is not Python code (see ``walk``).
REFUSED_TYPES = frozenset(map(id, (
    map, filter, types.MethodWrapperType, type(functools.cmp_to_key(len)),
    operator.attrgetter, operator.itemgetter, operator.methodcaller,
    itertools.starmap, itertools.filterfalse, itertools.takewhile, itertools.dropwhile, itertools.accumulate,
    itertools.groupby)))
# Callables of C code that a method or a partial could bind to arguments of the submission's
# choosing (types.MethodType(os.write, fd)). A compiled function of a library's (Cython's, which
# pandas binds as methods) runs that library's code: allowed.
C_CALLABLES = (types.BuiltinFunctionType, types.MethodDescriptorType, types.WrapperDescriptorType,
               types.MethodWrapperType, types.ClassMethodDescriptorType)
# C-level iterators that call nothing of their own but may hold what does (a zip of a map): walked
# through what the collector sees them hold.
_THROUGH_REFERENTS = frozenset(map(id, (
    zip, enumerate, reversed, *(value for value in vars(itertools).values()
                                if isinstance(value, type) and id(value) not in REFUSED_TYPES))))
_FUNCTION_STATE = attrgetter("__closure__", "__defaults__", "__kwdefaults__")
_FUNCTION_DICT = types.FunctionType.__dict__["__dict__"].__get__
_MODULE_DICT = types.ModuleType.__dict__["__dict__"].__get__
_BUILTIN_SELF = types.BuiltinFunctionType.__dict__["__self__"].__get__
_PARTIAL_STATE = attrgetter("func", "args", "keywords")
_METHOD_STATE = attrgetter("__func__", "__self__")
_CALLBACK = weakref.ReferenceType.__dict__["__callback__"].__get__
_CLASS_MODULE = type.__dict__["__module__"].__get__
_SEQUENCE_ITERATORS = (list.__iter__, tuple.__iter__, set.__iter__, frozenset.__iter__)

# What the walk does with an object of a class, decided once per class.
(INSTANCE, CLASS, MODULE, FUNCTION, METHOD, BUILTIN, PARTIAL, REFERRER, WEAKREF, PROXY, UFUNC, REFUSED,
 OPAQUE, REFERENTS) = range(14)
CONTAINER_NONE, CONTAINER_SEQUENCE, CONTAINER_MAPPING = range(3)


def walk(roots: list[Any], known: frozenset[int], known_types: frozenset[int],
         tolerated: frozenset[int] = frozenset(), hidden: list[tuple[Any, str]] | None = None) -> str:
    """The first C-level callable reachable from ``roots`` that binds arguments or chains calls,
    described, or ''. ``known`` are ids of objects that existed before the student's code ran
    (``grader.child.containers``), which the walk does not enter; ``tolerated`` ids of objects not to look
    into. With ``hidden``, each object of a class that existed before (Keras' own layers,
    initializers, optimizers, …) whose instance attribute hides code of its class is added to
    that list, with the attribute's name.

    Breadth first, level by level, with C-level iterators and per-class answers worked out once:
    it runs under the sender's guard, which pays for every call a Python function makes."""
    seen: set[int] = set(tolerated)
    kinds: dict[int, tuple[int, bool, int, tuple[Any, ...]]] = {}  # id of a class -> _kind_facts
    level = list(roots)
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
                category, has_state, container, slots = kinds[kind_id] = _kind_facts(kind)
            if category == REFUSED:
                return _refused(obj, kind)
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
                if (type(function) in C_CALLABLES or id(type(function)) in REFUSED_TYPES) \
                        and not _library_binding(function, bound):
                    return _refused(obj, kind)
                level += (function, bound)
                continue
            if category == BUILTIN:  # a built-in bound to an object runs one operation on that object
                level.append(_BUILTIN_SELF(obj))
                continue
            if category == REFERRER:  # a cell, property, staticmethod or classmethod
                level += references(obj)
                continue
            if category == REFERENTS:
                level += gc.get_referents(obj)
                continue
            if category == PARTIAL:
                function, arguments, keywords = _PARTIAL_STATE(obj)
                if type(function) in C_CALLABLES or id(type(function)) in REFUSED_TYPES:
                    return _refused(obj, kind)
                level += (function, arguments, keywords)
            elif category == WEAKREF:
                level.append(_CALLBACK(obj))
                continue
            elif category == PROXY:  # calling or reading it reaches what it refers to
                level.append(_proxy_referent(obj))
                continue
            elif category == UFUNC:  # np.frompyfunc(callable) hides what it calls: "<name> (vectorized)"
                if str(obj.__name__).endswith("(vectorized)"):
                    return _refused(obj, kind)
                continue
            elif category == OPAQUE:
                continue
            if kind_id not in known_types:
                level.append(kind)  # its class, metaclass and bases: what Python calls on it
            if has_state:
                state = instance_dict(obj)
                values = state.values()
                if hidden is not None and kind_id in known_types and any(map(callable, values)):
                    name = hidden_code(obj, state)
                    if name:
                        hidden.append((obj, name))
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
    return ""


def _library_binding(function: Any, bound: Any) -> bool:
    """Whether a C function is bound as a method to an object of its own package's class, as a
    compiled library binds its functions to its objects (matplotlib's renderer); ``os.write``
    bound to a number is not."""
    module = function.__module__ if type(function) is types.BuiltinFunctionType else None
    owner = _CLASS_MODULE(type(bound))
    return type(module) is str and type(owner) is str and module.split(".")[0] == owner.split(".")[0] \
        and module.split(".")[0] not in SYSTEM_MODULES


# Where Python keeps the built-ins that reach the process itself: never a library's own binding.
SYSTEM_MODULES = frozenset({"builtins", "posix", "nt", "os", "sys", "_io", "io", "_socket", "socket", "select",
                            "fcntl", "mmap", "signal", "_signal", "_thread", "gc", "_ctypes", "ctypes", "marshal",
                            "_pickle", "_posixsubprocess", "resource", "_imp", "_operator", "_functools"})


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
    if id(kind) in _THROUGH_REFERENTS:
        return REFERENTS, False, CONTAINER_NONE
    if kind is weakref.ProxyType or kind is weakref.CallableProxyType:
        return PROXY, False, CONTAINER_NONE
    if weakref.ReferenceType in mro:
        return WEAKREF, False, CONTAINER_NONE
    has_state = type.__dict__["__dictoffset__"].__get__(kind) != 0
    container = (CONTAINER_SEQUENCE if any(base in mro for base in (list, tuple, set, frozenset))
                 else CONTAINER_MAPPING if dict in mro else CONTAINER_NONE)
    if functools.partial in mro:
        return PARTIAL, has_state, container
    if real_name(kind) == "ufunc" and _CLASS_MODULE(kind) == "numpy":
        return UFUNC, False, CONTAINER_NONE
    return INSTANCE, has_state, container


def _refused(obj: Any, kind: type) -> str:
    return (f"a `{real_name(kind)}` ({_shown(obj)}) made by the submission: a callable of Python's built-in "
            "functions that binds arguments or chains calls (a functools.partial over a built-in, operator's "
            "getters, map, itertools.starmap, …) and runs with no Python code the grader can follow, where the "
            "grader's own code could call it")


def _proxy_referent(proxy: Any) -> Any:
    """What a weakref.proxy refers to (None once it is dead), found from the proxy's own C-level
    repr, "<weakproxy at 0x... to NAME at 0xADDRESS>", since Python offers no other way that
    does not call the referent."""
    import ctypes

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


def hidden_code(obj: Any, state: dict[str, Any]) -> str:
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


def _shown(obj: Any) -> str:
    """What a refused object is, for the message: its name, or what it wraps (no code of its own runs)."""
    kind = type(obj)
    try:
        if kind is types.BuiltinFunctionType or kind is types.MethodWrapperType:
            return f"`{obj.__qualname__}` of a `{real_name(type(obj.__self__))}`"
        if kind is types.MethodType:
            function, bound = _METHOD_STATE(obj)
            return f"`{getattr(function, '__qualname__', real_name(type(function)))}` bound to a `{real_name(type(bound))}`"
        if functools.partial in real_mro(kind):
            inner = _PARTIAL_STATE(obj)[0]
            return f"over `{getattr(inner, '__qualname__', real_name(type(inner)))}`"
    except Exception:  # noqa: BLE001 - only a description
        pass
    return "a C-level object"
