"""Python's namespaces as the worker found them, compared (and put back) after student code.

The worker records every module's and every class's namespace once (``take``); each forked
child inherits the record and its sender thread compares (``changes``) before it exports:

- in Keras, ``json``, ``builtins`` and the grader (``WATCHED_MODULES``, *strict*) any attribute
  replaced or deleted, and any member added to one of their classes, except module names styled as
  private constants, which Keras reassigns as lazily set-up state (``_SEQUENCE_COUNTER``) and new
  dunder members, which Python adds itself (``__annotations__``); and in the dicts and lists they
  keep as attributes (registries such as Keras' ``REGISTERED_OBJS_TO_NAMES``, which names the class
  an optimizer is exported as), an entry replaced or removed, compared in order, or added about an
  object that existed before (Keras registers what it loads later, which is new;
  ``GLOBAL_CUSTOM_NAMES[keras.activations.tanh] = "relu"`` would rename Keras' own function).
  These are evidence for the ``keras-code`` detector (``grader.integrity``): honest code does not
  replace Keras' own code;
- everywhere else, code replaced, deleted or added: an attribute that held a function, a class, a
  descriptor or anything callable. Libraries do this honestly (six's and TensorFlow's lazy
  attributes replace themselves on first use; students silence ``warnings.warn``), so these are
  not evidence of anything: ``restore`` puts every replaced or deleted one back before the export
  runs, so that the export calls the code the worker loaded, not what the submission left there.
  Data may change: TensorFlow sets up its eager context, threading its locks.

The record is plain tuples and bytes, so code that reaches it cannot edit it, and ``changes`` and
``restore`` bind every name they use when the worker defines them, so a replaced built-in cannot
steer them. To compare fast, ``changes`` reads each namespace's version tag (PEP 509), which changes
whenever the dict does, all at once: a read-only NumPy view over the memory the dicts live in,
indexed by where each tag is. The sender makes that view (``claim``) before the student's code
runs, and from then on only the sender's locals hold it.

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

import ctypes
import gc
import operator
import re
import sys
from array import array
from itertools import repeat
from typing import Any, NamedTuple

from grader.child import containers
from grader.introspect import holds_code

WATCHED_MODULES = ("keras", "json", "builtins", "grader")

# Module attributes named like private constants, which Keras reassigns as lazily set-up state.
RUNTIME_STATE_NAME = re.compile(r"_[A-Z][A-Z0-9_]*")

# PyDictObject: ob_refcnt, ob_type, ma_used, then ma_version_tag (CPython 3.11 to 3.13).
TAG_OFFSET = 3 * ctypes.sizeof(ctypes.c_ssize_t)

# A record is a tuple: (spaces, modules, where the tags are, tags, loaded, heap, registry lists). Each space is
# (label, namespace dict, member names, member values, strict, the class or None for a module): the values
# themselves, kept alive by the record, so that only what changed is asked whether it was code;
# where the tags are: (first address, number of 64-bit words up to the last, each tag's word).
SPACES, WATCHED, WHERE, TAGS, LOADED, CONTAINERS, LISTS = range(7)
REGISTRY = "registry"  # the kind of a space that is a dict or list Keras keeps, not a namespace
Fingerprint = tuple
IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE


def take(with_heap: bool = True) -> Fingerprint:
    """Record every module's and every class's namespace, as they are now, and (``with_heap``)
    every container alive (``grader.child.containers``)."""
    spaces = []
    for name, module in list(sys.modules.items()):
        namespace = getattr(module, "__dict__", None)
        if isinstance(namespace, dict):
            spaces.append(_space(name, namespace, name.startswith(WATCHED_MODULES), None))
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
            spaces.append(_space(f"{module}.{klass.__qualname__}", namespace, strict, klass))
    registries = []  # the dicts and lists that Keras, json and the grader keep in their namespaces
    seen: set[int] = set()
    for label, namespace, names, values, strict, _ in list(spaces):
        for name, value in zip(names, values) if strict else ():
            if type(name) is str and name[:2] == "__":
                continue  # Python's own bookkeeping (__warningregistry__, which warnings rewrites)
            if isinstance(value, dict) and id(value) not in seen:
                seen.add(id(value))
                registries.append((f"{label}.{name}", value, tuple(value.keys()), tuple(value.values()), REGISTRY,
                                   None))
            elif type(value) is list:
                registries.append((f"{label}.{name}", value, (), tuple(value), REGISTRY, None))
    spaces += [space for space in registries if isinstance(space[1], dict)]
    lists = tuple(space for space in registries if type(space[1]) is list)
    spaces.append(("sys.modules", sys.modules, (), (), False, None))
    watched = tuple(list(sys.modules.items()))  # each must still be there, and itself
    addresses = [id(space[1]) + TAG_OFFSET for space in spaces]
    base = min(addresses)
    where = (base, (max(addresses) - base) // 8 + 1, array("q", ((address - base) // 8 for address in addresses)).tobytes())
    tags = containers.read_words(addresses) if _tags_work() else b""
    loaded = frozenset(id(vars(module)) for module in list(sys.modules.values()) if hasattr(module, "__dict__"))
    return (tuple(spaces), watched, where, tags, loaded, containers.take() if with_heap else containers.EMPTY, lists)


def claim(record: Fingerprint) -> tuple[Any, Any]:
    """What ``tampered`` and ``grader.child.containers.changed`` read memory through, as a pair. Make it in the
    thread that will check, before student code runs."""
    return _claim_tags(record), containers.claim(record[CONTAINERS])


def _claim_tags(record: Fingerprint) -> Any:
    """A read-only array over the memory of every recorded namespace, with where in it each tag
    is. None where that is not possible (compare everything)."""
    if not record[TAGS]:
        return None
    try:
        import numpy
    except ImportError:
        return None
    base, size, where = record[WHERE]
    memory = numpy.asarray(containers.ReadOnlyMemory(base, size))
    return memory, numpy.frombuffer(where, dtype=numpy.int64), numpy.frombuffer(record[TAGS], dtype=numpy.uint64)


def loaded_namespaces(record: Fingerprint) -> frozenset[int]:
    """The ids of the namespaces of the modules loaded when ``record`` was taken."""
    return record[LOADED]


def is_submodule(package: str, name: str, value: Any, _module: type = type(sys), _modules: Any = sys.modules,
                 _type: Any = type) -> bool:
    """Whether ``value``, set as ``package.name``, is the module registered as that dotted name:
    what the import system does when a submodule is imported."""
    return _type(value) is _module and _modules.get(f"{package}.{name}") is value


class Change(NamedTuple):
    """One thing the submission changed in a recorded namespace."""

    label: str  # where, for the student and the instructor: "json.dumps", "keras.src.models.Model.fit"
    strict: bool  # in Keras, json, builtins or the grader: evidence for the ``keras-code`` detector
    code: bool  # it held or holds code (or is a registry entry, a module in sys.modules)
    space: int  # the index of its space in the record (-1: a registry list)
    name: Any  # the member's name; None for a registry or a member not named by a string


MISSING = object()  # what a deleted member is now


def changes(record: Fingerprint, claimed: Any, _item: Any = tuple.__getitem__, _len: Any = len,
            _range: Any = range, _list: Any = list, _map: Any = map, _zip: Any = zip, _all: Any = all,
            _is: Any = operator.is_, _repeat: Any = repeat, _state: Any = RUNTIME_STATE_NAME.fullmatch,
            _holds_code: Any = holds_code, _set: Any = set, _type: Any = type, _str: type = str,
            _modules: dict[str, Any] = sys.modules, _dict_items: Any = dict.items, _dict_keys: Any = dict.keys,
            _dict_values: Any = dict.values, _list_copy: Any = list.copy, _any: Any = any, _id: Any = id,
            _change: Any = Change, _missing: Any = MISSING, _enumerate: Any = enumerate,
            _is_submodule: Any = is_submodule) -> list[Change]:
    """What was replaced, deleted or added since ``record`` was taken, by the rules above.

    ``claimed`` is what ``claim`` made (None: compare every namespace, slowly).
    """
    spaces, watched = _item(record, SPACES), _item(record, WATCHED)
    tags = _item(claimed, 0) if claimed is not None else None
    if tags is not None:
        memory, where, before = tags
        changed = (memory[where] != before).nonzero()[0].tolist()
    else:
        changed = _range(_len(spaces))
    found: list[Change] = []
    known = _item(_item(record, CONTAINERS), containers.KNOWN)  # an entry added may not be about something that existed
    for position, (label, registry, _, items, _, _) in _enumerate(_item(record, LISTS)):  # no version tag: compared every time
        now = _list_copy(registry)
        if (_len(now) < _len(items) or not _all(_map(_is, now, items))
                or _any(_map(known.__contains__, _map(_id, now[_len(items):])))):
            found.append(_change(label, True, True, -1, position))
    for index in changed:
        label, namespace, names, values, strict, owner = _item(spaces, index)
        if strict is REGISTRY:  # entries may be added, for what is new; none replaced or removed (in order)
            keys, now = _list(_dict_keys(namespace)), _list(_dict_values(namespace))
            count = _len(names)
            if (_len(keys) < count or not _all(_map(_is, keys, names)) or not _all(_map(_is, now, values))
                    or _any(_map(known.__contains__, _map(_id, keys[count:] + now[count:])))):
                found.append(_change(label, True, True, index, None))
            continue
        if namespace is _modules:  # imports add entries; a module loaded before must still be itself
            present = {name: module for name, module in _dict_items(_modules) if _type(name) is _str}
            found += [_change(name, name.startswith(WATCHED_MODULES), True, index, name)
                      for name, module in watched if present.get(name, found) is not module]
            if _len(present) != _len(_modules):
                found.append(_change("sys.modules.<a module not named by a string>", True, True, index, None))
            continue
        keys = _list(namespace)
        if not _all(_map(_is, _map(_type, keys), _repeat(_str))):  # its __eq__ would run in any lookup
            found.append(_change(f"{label}.<a member not named by a string>", True, True, index, None))
            continue
        now = _list(_map(namespace.get, names, _repeat(_missing)))
        if _all(_map(_is, now, values)) and _len(keys) == _len(names):
            continue
        for name, value, was in _zip(names, now, values):
            if value is not was:
                code = _holds_code(was) or (value is not _missing and _holds_code(value))
                # In a module: a name styled as a private constant (lazily set-up state), or a
                # submodule the import system bound to its package (``import keras.layers``).
                counted = strict and not (owner is None and (_state(name) or _is_submodule(label, name, value)))
                if counted or code:
                    found.append(_change(f"{label}.{name}", counted, code, index, name))
        if owner is not None:  # new module attributes are imports
            recorded = _set(names)
            for name in keys:
                if name not in recorded:
                    code = _holds_code(namespace[name])
                    if (strict and name[:2] != "__") or code:
                        found.append(_change(f"{label}.{name}", strict and name[:2] != "__", code, index, name))
    return found


def tampered(record: Fingerprint, claimed: Any) -> list[str]:
    """Where the submission replaced Keras', json's, builtins' or the grader's own code or
    registries (the strict changes), and code anywhere else, by label."""
    return [change.label for change in changes(record, claimed) if change.strict or change.code]


def restore(record: Fingerprint, found: list[Change], _item: Any = tuple.__getitem__, _type: Any = type,
            _str: type = str, _set_attribute: Any = type.__setattr__, _delete_attribute: Any = type.__delattr__,
            _dict_set: Any = dict.__setitem__, _list_set: Any = list.__setitem__, _len: Any = len, _zip: Any = zip,
            _dict: type = dict, _missing: Any = MISSING, _dict_items: Any = dict.items, _id: Any = id,
            _dict_delete: Any = dict.__delitem__, _frozenset: type = frozenset, _map: Any = map,
            _errors: tuple[type, ...] = (TypeError, AttributeError, ValueError, KeyError)) -> None:
    """Put back what ``changes`` found: every member replaced or deleted as it was recorded (a
    strict one's data too), a strict class's added members and code added to any class removed,
    modules replaced in ``sys.modules`` and Keras' registries as they were. The export then runs
    the code the worker loaded. Members not named by a string are left (the export stops there)."""
    if not found:
        return
    spaces, lists = _item(record, SPACES), _item(record, LISTS)
    known = _item(_item(record, CONTAINERS), containers.KNOWN)
    for label, strict, code, index, name in found:
        try:
            if index == -1:  # a registry list of a strict module: its recorded items, in order, first
                _, registry, _, items, _, _ = _item(lists, name)
                _list_set(registry, slice(0, _len(items)), items)
                continue
            _, namespace, names, values, kind, owner = _item(spaces, index)
            if kind is REGISTRY:  # a registry dict of a strict module: its recorded entries, and none added
                for key, value in _zip(names, values):  # about what existed before
                    _dict_set(namespace, key, value)
                recorded_ids = _frozenset(_map(_id, names))
                for key in [key for key, value in _dict_items(namespace) if _id(key) not in recorded_ids
                            and (_id(key) in known or _id(value) in known)]:
                    _dict_delete(namespace, key)
                continue
            if _type(name) is not _str:
                continue
            if namespace is sys.modules:
                for watched_name, module in _item(record, WATCHED):
                    if watched_name == name:
                        _dict_set(namespace, name, module)
                continue
            recorded = _dict(_zip(names, values)).get(name, _missing)
            if owner is None:
                if recorded is not _missing:  # an attribute added to a module is an import or a definition
                    _dict_set(namespace, name, recorded)
            elif recorded is _missing:
                _delete_attribute(owner, name)
            else:
                _set_attribute(owner, name, recorded)
        except _errors:  # noqa: PERF203 - a member that cannot be put back leaves the others to do
            continue


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


def _space(label: str, namespace: dict[str, Any], strict: bool, owner: type | None) -> tuple[Any, ...]:
    return (label, namespace, tuple(namespace), tuple(namespace.values()), strict, owner)


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
