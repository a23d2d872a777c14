"""The tamper check: Python's namespaces as the worker found them, compared after student code.

The worker records every module's and every class's namespace once (``take``); each forked
child inherits the record and its sender thread compares (``tampered``) before it exports:

- in Keras, ``json``, ``builtins`` and the grader (``WATCHED_MODULES``) any attribute replaced
  or deleted, and any member added to one of their classes, is tampering, except module names
  styled as private constants, which Keras reassigns as lazily set-up state (``_SEQUENCE_COUNTER``)
  and new dunder members, which Python adds itself (``__annotations__``);
- everywhere else, code replaced, deleted or added is tampering: an attribute that held a
  function, a class, a descriptor or anything callable. Put in place of ``copy.deepcopy``, a
  C-level callable (a ``functools.partial``) would run in the sender unseen by its guard, which
  only sees Python functions. Data may change: TensorFlow sets up its eager context, threading
  its locks (a run of the lesson's model with a PyDataset changes no code anywhere).

The record is plain tuples and bytes, so code that reaches it cannot edit it, and ``tampered``
binds every name it uses when the worker defines it, so a replaced built-in cannot steer it.
To compare fast, it reads each namespace's version tag (PEP 509), which changes whenever the
dict does, all at once: a read-only NumPy view over the memory the dicts live in, indexed by
where each tag is. The sender makes that view (``claim``) before the student's code runs, and
from then on only the sender's locals hold it.
"""

from __future__ import annotations

import ctypes
import gc
import re
import sys
from array import array
from itertools import repeat
from typing import Any

WATCHED_MODULES = ("keras", "json", "builtins", "grader")

# Module attributes named like private constants, which Keras reassigns as lazily set-up state.
RUNTIME_STATE_NAME = re.compile(r"_[A-Z][A-Z0-9_]*")

# PyDictObject: ob_refcnt, ob_type, ma_used, then ma_version_tag (CPython 3.11 to 3.13).
TAG_OFFSET = 3 * ctypes.sizeof(ctypes.c_ssize_t)

# A record is a tuple: (spaces, watched modules, where the tags are, tags, loaded). Each space is
# (label, namespace dict, member names, member ids, which members held code, strict, is class);
# where the tags are: (first address, number of 64-bit words up to the last, each tag's word).
SPACES, WATCHED, WHERE, TAGS, LOADED = range(5)
Fingerprint = tuple
IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE


def take() -> Fingerprint:
    """Record every module's and every class's namespace, as they are now."""
    spaces = []
    for name, module in list(sys.modules.items()):
        namespace = getattr(module, "__dict__", None)
        if isinstance(namespace, dict):
            spaces.append(_space(name, namespace, name.startswith(WATCHED_MODULES), False))
    for klass in all_classes():
        if klass.__flags__ & IMMUTABLE_TYPE:
            continue  # no attribute of it can be set
        try:
            namespace = gc.get_referents(vars(klass))[0]  # the dict behind the mappingproxy
        except (TypeError, IndexError):
            continue
        if isinstance(namespace, dict):
            module = getattr(klass, "__module__", "")
            strict = isinstance(module, str) and module.startswith(WATCHED_MODULES)
            spaces.append(_space(f"{module}.{klass.__qualname__}", namespace, strict, True))
    spaces.append(("sys.modules", sys.modules, (), b"", b"", False, False))
    watched = tuple((name, module) for name, module in list(sys.modules.items()) if name.startswith(WATCHED_MODULES))
    addresses = [id(space[1]) + TAG_OFFSET for space in spaces]
    base = min(addresses)
    where = (base, (max(addresses) - base) // 8 + 1, array("q", ((address - base) // 8 for address in addresses)).tobytes())
    tags = _read_tags(addresses) if _tags_work() else b""
    loaded = frozenset(id(vars(module)) for module in list(sys.modules.values()) if hasattr(module, "__dict__"))
    return (tuple(spaces), watched, where, tags, loaded)


def claim(record: Fingerprint) -> Any:
    """What ``tampered`` reads the version tags through: a read-only array over the memory of
    every recorded namespace, with where in it each tag is. Make it in the thread that will
    check, before student code runs. None where that is not possible (compare everything)."""
    if not record[TAGS]:
        return None
    try:
        import numpy
    except ImportError:
        return None
    base, size, where = record[WHERE]
    memory = numpy.asarray(_ReadOnlyMemory(base, size))
    return memory, numpy.frombuffer(where, dtype=numpy.int64), numpy.frombuffer(record[TAGS], dtype=numpy.uint64)


class _ReadOnlyMemory:
    """Memory seen by NumPy as an array of 64-bit words, without copying it and read-only."""

    def __init__(self, address: int, words: int) -> None:
        self.__array_interface__ = {"data": (address, True), "shape": (words,), "typestr": "<u8", "version": 3}


def loaded_namespaces(record: Fingerprint) -> frozenset[int]:
    """The ids of the namespaces of the modules loaded when ``record`` was taken."""
    return record[LOADED]


def is_descriptor(value: Any, method: str, _type: Any = type, _mro: Any = type.__dict__["__mro__"].__get__,
                  _class_dict: Any = type.__dict__["__dict__"].__get__) -> bool:
    """Whether ``value``'s class (or a base) defines ``method`` (``__get__``, ``__set__``)."""
    for klass in _mro(_type(value)):
        if method in _class_dict(klass):
            return True
    return False


def holds_code(value: Any, _callable: Any = callable, _is_descriptor: Any = is_descriptor) -> bool:
    """Whether ``value`` is code: callable, or a descriptor (property, staticmethod, ...). Asked
    of the real class dicts only, so no code of the value's class or metaclass runs."""
    return _callable(value) or _is_descriptor(value, "__get__")


def tampered(record: Fingerprint, claimed: Any, _item: Any = tuple.__getitem__, _len: Any = len,
             _range: Any = range, _array: Any = array, _map: Any = map, _zip: Any = zip, _id: Any = id,
             _repeat: Any = repeat, _state: Any = RUNTIME_STATE_NAME.fullmatch, _holds_code: Any = holds_code,
             _modules: dict[str, Any] = sys.modules) -> list[str]:
    """What was replaced, deleted or added since ``record`` was taken, by the rules above.

    ``claimed`` is what ``claim`` made (None: compare every namespace, slowly).
    """
    spaces, watched = _item(record, SPACES), _item(record, WATCHED)
    if claimed is not None:
        memory, where, before = claimed
        changed = (memory[where] != before).nonzero()[0].tolist()
    else:
        changed = _range(_len(spaces))
    found: list[str] = []
    for index in changed:
        label, namespace, names, ids, code, strict, is_class = _item(spaces, index)
        if namespace is _modules:  # imports add entries; a watched module must still be itself
            found += [name for name, module in watched if _modules.get(name, module) is not module]
            continue
        if _array("Q", _map(_id, namespace.values())).tobytes() == ids:
            continue
        now = _array("Q", _map(_id, _map(namespace.get, names, _repeat(found))))  # `found`: a name gone
        for name, ident, was, held_code in _zip(names, now, _array("Q", ids), code):
            if ident != was and (strict and not (not is_class and _state(name)) or held_code):
                found.append(f"{label}.{name}")
        for name in namespace.keys() - set(names):
            if is_class and name[:2] != "__" and (strict or _holds_code(namespace[name])):
                found.append(f"{label}.{name}")
    return found


def all_classes() -> list[type]:
    """Every class alive, found by walking the class tree from ``object``."""
    found, seen, pending = [], {id(object)}, [object]
    while pending:
        klass = pending.pop()
        found.append(klass)
        try:
            subclasses = type.__subclasses__(klass)
        except TypeError:
            continue
        for subclass in subclasses:
            if id(subclass) not in seen:
                seen.add(id(subclass))
                pending.append(subclass)
    return found


def _space(label: str, namespace: dict[str, Any], strict: bool, is_class: bool) -> tuple[Any, ...]:
    names = tuple(namespace)
    values = list(namespace.values())
    ids = array("Q", map(id, values)).tobytes()
    code = bytes(holds_code(value) for value in values)
    return (label, namespace, names, ids, code, strict, is_class)


def _read_tags(addresses: list[int]) -> bytes:
    return array("Q", (ctypes.c_uint64.from_address(address).value for address in addresses)).tobytes()


def _tags_work() -> bool:
    """CPython 3.11 to 3.13 keep the tag there; check it really moves as a dict changes."""
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return False
    probe: dict[str, int] = {}
    view = ctypes.c_uint64.from_address(id(probe) + TAG_OFFSET)
    seen = [view.value]
    for step in ("set", "replace", "delete"):
        if step == "delete":
            del probe["x"]
        else:
            probe["x"] = len(seen)
        seen.append(view.value)
    return len(set(seen)) == len(seen)
