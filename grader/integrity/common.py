"""Helpers the detectors share: reading the student's objects without running code of theirs.

Runs in the sandboxed child's sender thread (and the describer). Imports nothing of Keras or
TensorFlow: every type it compares against comes from a detector's kit or from ``KerasOwn``.
Everything here reads objects through their real classes and exact types only, so that no
method of a class the student defined (an ``__eq__``, a ``__getattribute__``) runs.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import types
from typing import Any

from grader.introspect import class_dict, real_mro

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


def instance_dict(obj: Any) -> dict[str, Any]:
    """An object's own attribute dict, read without running code of its class, else {}.

    ``vars(obj)`` asks the class for ``__dict__`` (a ``__getattribute__`` or a ``__dict__``
    property of the student's, or of a library loaded after the worker started, would run). This
    finds the descriptor Python itself made for the instance dict in the real class dicts and
    calls it only if it is that C-level descriptor."""
    if obj is None:
        return {}
    kind = type(obj)
    if not _DICT_OFFSET(kind):
        return {}
    for klass in real_mro(kind):
        descriptor = class_dict(klass).get("__dict__")
        if descriptor is None:
            continue
        if type(descriptor) is types.GetSetDescriptorType:
            try:
                state = descriptor.__get__(obj, kind)
            except TypeError:  # a descriptor taken from another class
                return {}
            return state if type(state) is dict else {}
        return {}
    return {}


def items(value: Any) -> list[Any]:
    """The leaves of a structure of dicts, lists and tuples (exact types only: no code of the
    student's runs)."""
    if type(value) is dict:
        return [item for inner in value.values() for item in items(inner)]
    if type(value) is list or type(value) is tuple:
        return [item for inner in value for item in items(inner)]
    return [] if value is None else [value]


def sequence(value: Any, known_types: frozenset[int]) -> list[Any] | None:
    """A list's items; Keras keeps some lists in TensorFlow's tracking wrapper (a class of
    TensorFlow's own, which iterates its storage). None for anything else."""
    if type(value) is list or type(value) is tuple:
        return list(value)
    if isinstance(value, list) and id(type(value)) in known_types:
        return list(iter(value))
    return None


def ids(value: Any, known_types: frozenset[int]) -> list[int] | None:
    found = sequence(value, known_types)
    return None if found is None else list(map(id, found))


def plain_equal(a: Any, b: Any) -> bool:
    """Equality of plain values and tuples of them, asked of exact types only (no code of the student's runs)."""
    if type(a) is tuple and type(b) is tuple:
        return len(a) == len(b) and all(map(plain_equal, a, b))
    return type(a) is type(b) and type(a) in PLAIN_TYPES and a == b


def config_equal(a: Any, b: Any) -> bool:
    """Equality of two Keras configs, asked of exact plain types only."""
    if type(a) is dict and type(b) is dict:
        return len(a) == len(b) and all(type(key) is str and key in b and config_equal(a[key], b[key]) for key in a)
    if (type(a) is list or type(a) is tuple) and type(a) is type(b):
        return len(a) == len(b) and all(map(config_equal, a, b))
    return plain_equal(a, b)


def is_plain_data(value: Any, depth: int = 0) -> bool:
    kind = type(value)
    if kind in PLAIN_TYPES:
        return True
    if depth > 10:
        return False
    if kind is list or kind is tuple:
        return all(is_plain_data(item, depth + 1) for item in value)
    if kind is dict:
        return all(type(key) is str and is_plain_data(item, depth + 1) for key, item in value.items())
    return False


def plain_fields(state: dict[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """The fields of an instance dict that hold plain data (exact types), or None if a key is not
    an exact string."""
    if not all(type(name) is str for name in state):
        return None
    return {name: value for name, value in state.items()
            if name not in skip and not name.startswith("_self_") and is_plain_data(value)}


# A dtype policy computes by its dtypes; Keras itself renames some on the way through a config ("int" to "int64").
POLICY_NAME = frozenset({"_name"})


def same_plain_state(state: dict[str, Any], fresh: dict[str, Any], skip: frozenset[str]) -> bool:
    """Whether an object's instance dict holds the plain fields (``skip`` aside) and dtype policy
    (by its dtypes) of ``fresh``'s, a new object made from its config or from what it was made of."""
    return plain_fields(state, skip) == plain_fields(fresh, skip) \
        and plain_fields(instance_dict(state.get("_dtype_policy")), POLICY_NAME) == \
        plain_fields(instance_dict(fresh.get("_dtype_policy")), POLICY_NAME)


def policy_name(obj: Any) -> Any:
    """The name of an object's dtype policy, read from its instance dict (None if it has none)."""
    return instance_dict(instance_dict(obj).get("_dtype_policy")).get("_name")


def layer_name(layer: Any) -> str:
    name = instance_dict(layer).get("name")
    return name if type(name) is str else real_name(type(layer))


def inner_optimizer(optimizer: Any, loss_scale_optimizer: Any) -> Any:
    """The optimizer compile() was given: it wraps it in a LossScaleOptimizer for mixed precision."""
    if loss_scale_optimizer is not None and type(optimizer) is loss_scale_optimizer:
        return instance_dict(optimizer).get("inner_optimizer")
    return optimizer


def compile_settings(model: Any, known_types: frozenset[int]) -> dict[str, Any] | None:
    """What compile() was given, as Keras records it (``_compile_config.config``), when the record
    is an object of Keras' own class holding a plain dict; else None."""
    record = instance_dict(model).get("_compile_config")
    if record is None or id(type(record)) not in known_types:
        return None
    settings = instance_dict(record).get("config")
    return settings if type(settings) is dict else None


def history(tensor: Any, keras_tensor: type, keras_history: type) -> tuple[Any, int, int]:
    """A Keras tensor's (operation, node index, tensor index), read as Keras' own tuple only."""
    state = instance_dict(tensor) if type(tensor) is keras_tensor else {}
    found = state.get("_keras_history")
    if type(found) is not keras_history:
        return None, -1, -1
    operation, node_index, tensor_index = tuple.__iter__(found)
    if type(node_index) is not int or type(tensor_index) is not int:
        return None, -1, -1
    return operation, node_index, tensor_index


def keras_model_classes(base: type) -> list[type]:
    """``base`` (``keras.Model``) and Keras' own subclasses of it (Sequential, Functional), found
    by walking the class tree: Functional is not exported under a public name."""
    found, pending = [], [base]
    while pending:
        klass = pending.pop()
        module = type.__dict__["__module__"].__get__(klass)
        if type(module) is str and module.startswith("keras"):
            found.append(klass)
            pending += type.__subclasses__(klass)
    return found


def plain_json(value: Any, depth: int = 0, numpy: bool = False) -> Any:
    """``value`` if it is plain JSON data (tuples become lists; with ``numpy``, NumPy's numbers and
    arrays the Python values they hold), else None: nothing else leaves the child. Types are
    checked exactly, before anything is encoded, so no method of the student's runs; integers
    beyond 64 bits too (Python refuses to write one of more than 4,300 digits)."""
    kind = type(value)
    if numpy and kind not in _JSON_TYPES:
        value = _from_numpy(value, kind)
        kind = type(value)
    if kind is int:
        return value if -(2**63) <= value < 2**63 else None
    if value is None or kind is bool or kind is str:
        return value
    if kind is float:
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if depth > 20:
        return None
    if kind is list or kind is tuple:
        found = [plain_json(item, depth + 1, numpy) for item in value]
        return None if any(item is None and original is not None for item, original in zip(found, value)) else found
    if kind is dict and all(type(key) is str for key in value):
        found = {key: plain_json(item, depth + 1, numpy) for key, item in value.items()}
        return None if any(found[key] is None and value[key] is not None for key in value) else found
    return None


_JSON_TYPES = frozenset({int, float, str, bool, type(None), list, tuple, dict})


def _from_numpy(value: Any, kind: type) -> Any:
    """A NumPy scalar as the Python number it holds, a NumPy array as nested lists (students read
    answers off NumPy: ``np.prod(kernel.shape)`` is an ``int64``); anything else as it is. Asked
    of the real classes only: NumPy's own C types, whose conversions run no code of the student's."""
    import sys

    numpy = sys.modules.get("numpy")
    if numpy is None or type.__dict__["__module__"].__get__(kind) != "numpy":
        return value
    mro = real_mro(kind)
    if numpy.bool_ in mro:
        return bool(value)
    if numpy.integer in mro:
        return int(value)
    if numpy.floating in mro:
        return float(value)
    if kind is numpy.ndarray:
        return value.tolist()
    return value
