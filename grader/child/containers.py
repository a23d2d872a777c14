"""Everything the worker holds before a submission runs, and what the submission changed of it.

The export runs Keras' and Python's code in the sender thread on state the submission may
have edited; Python functions it would run there are stopped by the sender's guard, but a
C-level callable (a ``functools.partial`` over built-ins) has no frame to see. It does not
matter where such a callable is left: in an object of the model, in a registry
(``copy._deepcopy_dispatch``), in a finder on ``sys.meta_path``, in a logger's handlers, in a
lazily loaded module's attributes. So the worker records every mutable container alive before
any submission (``take``), and each child's sender finds which ones changed (``changed``):

- every dict (module and class namespaces, the attribute dicts of every object, which the
  record creates where Python had not yet), by its version tag (PEP 509);
- every list, set and cell, and the callables inside ``functools.partial``, ``property``,
  ``staticmethod`` and ``classmethod`` objects (whose ``__init__`` or ``__setstate__`` can be
  called again), by the words of memory that hold what they refer to; of a list or set that
  held only names and numbers (``__all__``), only its size and where its items are, since no
  code calls what such a list holds.

What changed is then walked (``grader.integrity.walk``) down to objects made after
the record, which is what the submission can have put there; what existed before is covered
by the record itself. The record holds a reference to everything it saw, so no object of it
is freed in a child and no address it watches is reused.

The reading is done by NumPy over the process's memory, as ``grader.child.fingerprint`` reads its
tags: a read-only view the sender makes before the student's code runs (``claim``). It
relies on CPython 3.11's object layouts, which ``layout_holds`` checks; elsewhere nothing is
recorded and only the fingerprint and the walk of the model stand.

Not watched: objects with ``__slots__`` (their attributes live at offsets Python does not
show), ``collections.deque``, and state kept in C (TensorFlow's own registries).

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

import abc
import ctypes
import functools
import gc
import sys
import types
from array import array
from typing import Any

from grader.introspect import PLAIN_TYPES, references

WORD = 8
# Offsets of the words that say what a container refers to (CPython 3.11, 64-bit).
LIST_SIZE, LIST_ITEMS = 16, 24  # ob_size, ob_item
SET_USED, SET_MASK, SET_TABLE = 24, 32, 40  # used, mask, table; a table entry is (key, hash)
SET_ENTRY = 16
DICT_TAG = 24  # ma_version_tag
REFERENCES = {  # where other fixed-size objects keep the callables they run
    types.CellType: (16,),
    functools.partial: (16, 24, 32),  # fn, args, keywords
    property: (16, 24, 32),  # fget, fset, fdel
    staticmethod: (16,),
    classmethod: (16,),
}

# A record is a tuple: (alive, dicts, owners, vectors, fixed, words to read, known, abc).
ALIVE, DICTS, OWNERS, VECTORS, FIXED, WORDS, KNOWN, ABC = range(8)
Record = tuple
EMPTY: Record = ((), (), (), (), (), None, frozenset(), (None, ()))


def take() -> Record:
    """Record every mutable container alive in this process now. Where the layout is not known
    (any Python but CPython 3.11) only what is alive is recorded: the object walk must still tell
    what existed before the submission ran (a library's module-level counters) from what it made."""
    alive = gc.get_objects()
    if not layout_holds():
        return (tuple(alive), *EMPTY[DICTS:KNOWN], frozenset(map(id, alive)), EMPTY[ABC])
    dicts: list[Any] = []
    owners: list[Any] = []
    vectors: list[Any] = []  # lists and sets
    fixed: list[Any] = []
    seen_dicts: set[int] = set()

    def add_dict(namespace: Any, owner: Any) -> None:
        if id(namespace) not in seen_dicts:
            seen_dicts.add(id(namespace))
            dicts.append(namespace)
            owners.append(owner)

    for obj in alive:
        kind = type(obj)
        if issubclass(kind, dict):  # its real class: a proxy (wrapt's, TensorFlow's _DictWrapper) may claim dict
            add_dict(obj, None)
        elif kind is list or kind is set:
            vectors.append(obj)
        elif kind in REFERENCES:
            fixed.append(obj)
        if not isinstance(obj, (type, types.ModuleType)) and type.__dict__["__dictoffset__"].__get__(kind):
            try:
                namespace = object.__getattribute__(obj, "__dict__")  # made now where Python had not yet
            except (AttributeError, TypeError):
                continue
            if type(namespace) is dict:
                add_dict(namespace, obj)
    for namespace in list(dicts):  # dicts of plain values are not tracked by the collector
        # dict.values itself: a subclass's own values() or __getitem__ would run its code (matplotlib's
        # rcParams picks a backend on first read of "backend"), changing the process being recorded.
        for value in list(dict.values(namespace)):
            if type(value) is dict:
                add_dict(value, None)
    for vector in list(vectors):
        for value in list(vector):
            if type(value) is dict:
                add_dict(value, None)
    addresses: list[int] = []
    owner_of: list[int] = []  # per word: which container (dicts, then vectors, then fixed)
    for index, namespace in enumerate(dicts):
        addresses.append(id(namespace) + DICT_TAG)
        owner_of.append(index)
    offset = len(dicts)
    for index, vector in enumerate(vectors):
        fields = (LIST_SIZE, LIST_ITEMS) if type(vector) is list else (SET_USED, SET_MASK, SET_TABLE)
        addresses += [id(vector) + field for field in fields]
        owner_of += [offset + index] * len(fields)
    offset += len(vectors)
    for index, obj in enumerate(fixed):
        fields = REFERENCES[type(obj)]
        addresses += [id(obj) + field for field in fields]
        owner_of += [offset + index] * len(fields)
    # The words inside each vector's own array of references, read only where its header held.
    item_addresses: list[int] = []
    item_owner: list[int] = []
    for index, vector in enumerate(vectors):
        if all(type(item) in PLAIN_TYPES for item in vector):
            continue  # names and numbers: its header is enough (nothing calls what such a list holds)
        if type(vector) is list:
            start, count, stride = _word(id(vector) + LIST_ITEMS), len(vector), WORD
        else:
            start, count, stride = _word(id(vector) + SET_TABLE), _word(id(vector) + SET_MASK) + 1, SET_ENTRY
        if start:
            item_addresses += range(start, start + count * stride, stride)
            item_owner += [index] * count
    known = frozenset(map(id, alive)) | seen_dicts
    abc_classes = tuple(klass for klass in alive if isinstance(klass, abc.ABCMeta))
    return (tuple(alive), tuple(dicts), tuple(owners), tuple(vectors), tuple(fixed),
            _words(addresses, owner_of, item_addresses, item_owner), known, (abc.get_cache_token(), abc_classes))


def _words(addresses: list[int], owners: list[int], item_addresses: list[int], item_owners: list[int]) -> tuple:
    """(first address, number of words to the last, then, for the headers and for the items, each
    word's index from the first address, whose container it is and its value now), as bytes, in
    the order of their addresses, the order in which memory is read fastest."""
    import numpy

    base = min(addresses + item_addresses)
    size = (max(addresses + item_addresses) - base) // WORD + 1
    parts: list[bytes] = []
    for where, whose in ((addresses, owners), (item_addresses, item_owners)):
        where_array = numpy.array(where, dtype=numpy.int64)
        order = numpy.argsort(where_array, kind="stable")
        where_array = where_array[order]
        parts += [((where_array - base) // WORD).tobytes(), numpy.array(whose, dtype=numpy.int64)[order].tobytes(),
                  read_words(where_array.tolist())]
    return (base, size, *parts)


def claim(record: Record) -> Any:
    """The read-only views ``changed`` reads through; make them in the checking thread before
    student code runs. None if nothing was recorded."""
    if record[WORDS] is None:
        return None
    import numpy

    base, size, *parts = record[WORDS]
    memory = numpy.asarray(ReadOnlyMemory(base, size))
    kinds = (numpy.int64, numpy.int64, numpy.uint64) * 2
    where, owners, before, item_where, item_owners, item_before = map(numpy.frombuffer, parts, kinds)
    return memory, where, owners, before, item_where, item_owners, item_before, numpy.zeros


def changed(record: Record, claimed: Any, _type: Any = type, _list: Any = list, _dict_keys: Any = dict.keys,
            _dict_values: Any = dict.values, _set_copy: Any = set.copy, _list_copy: Any = list.copy,
            _dict_copy: Any = dict.copy, _sorted: Any = sorted, _set: Any = set,
            _len: Any = len) -> list[tuple[Any, Any, Any]]:
    """What the submission can have put in the recorded containers, for every one that changed:
    (the object whose attribute dict it is, or None; that dict, or None; what it holds now).
    Reads no object through its class's code: exact-type C-level copies only."""
    if claimed is None:
        return []
    memory, where, owners_of, before, item_where, item_owners, item_before, zeros = claimed
    dicts, owners, vectors, fixed = record[DICTS], record[OWNERS], record[VECTORS], record[FIXED]
    moved = owners_of[(memory[where] != before).nonzero()[0]]
    moved_set = _set(moved.tolist())
    vectors_start, fixed_start = _len(dicts), _len(dicts) + _len(vectors)
    if _len(item_where):
        resized = moved[(moved >= vectors_start) & (moved < fixed_start)] - vectors_start
        if _len(resized):  # their arrays of references may have been freed: read only the others'
            skip = zeros(_len(vectors), dtype=bool)
            skip[resized] = True
            keep = ~skip[item_owners]
            changed_items = item_owners[keep][(memory[item_where[keep]] != item_before[keep]).nonzero()[0]]
        else:
            changed_items = item_owners[(memory[item_where] != item_before).nonzero()[0]]
        moved_set.update((changed_items + vectors_start).tolist())
    found: list[tuple[Any, Any, Any]] = []
    for index in _sorted(moved_set):
        if index < vectors_start:
            namespace = _dict_copy(dicts[index])
            found.append((owners[index], dicts[index], _list(_dict_keys(namespace)) + _list(_dict_values(namespace))))
        elif index < fixed_start:
            vector = vectors[index - vectors_start]
            found.append((None, None, _list_copy(vector) if _type(vector) is list else _list(_set_copy(vector))))
        else:
            obj = fixed[index - fixed_start]
            found.append((None, None, references(obj)))
    token, abc_classes = record[ABC]
    if token is not None and abc.get_cache_token() != token:  # something was registered with an ABC
        for klass in abc_classes:
            registry = _registry(klass)
            if registry:
                found.append((None, None, registry))
    return found


def known(record: Record) -> frozenset[int]:
    """Ids of everything alive when the record was taken (kept alive by it)."""
    return record[KNOWN]


def layout_holds() -> bool:
    """Whether this Python keeps containers as the offsets above say (CPython 3.11, 64-bit)."""
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11) or ctypes.sizeof(ctypes.c_void_p) != WORD:
        return False
    try:
        def outer() -> Any:
            value = len

            def inner() -> Any:
                return value
            return inner

        samples = [
            (outer().__closure__[0], [len]),  # type: ignore[index]
            (functools.partial(len, 1, x=2), [len, None, None]),
            (property(len, abs, print), [len, abs, print]),
            (staticmethod(len), [len]),
            (classmethod(len), [len]),
        ]
        for obj, expected in samples:
            for field, value in zip(REFERENCES[type(obj)], expected):
                if value is not None and _word(id(obj) + field) != id(value):
                    return False
        partial = samples[1][0]
        if _word(id(partial) + 24) != id(partial.args) or _word(id(partial) + 32) != id(partial.keywords):
            return False
        probe_list = [len, abs]
        items = _word(id(probe_list) + LIST_ITEMS)
        if _word(id(probe_list) + LIST_SIZE) != 2 or [_word(items), _word(items + WORD)] != [id(len), id(abs)]:
            return False
        probe_set = {len, abs}
        table, mask = _word(id(probe_set) + SET_TABLE), _word(id(probe_set) + SET_MASK)
        keys = {_word(table + SET_ENTRY * slot) for slot in range(mask + 1)} - {0}
        return _word(id(probe_set) + SET_USED) == 2 and keys == {id(len), id(abs)}
    except (ValueError, TypeError, OverflowError):
        return False


def _registry(klass: type) -> list[Any]:
    """The classes registered with an ABC (its virtual subclasses)."""
    try:
        registry = abc._get_dump(klass)[0]  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return []
    return [registered for registered in (ref() for ref in registry) if registered is not None]


class ReadOnlyMemory:
    """Memory seen by NumPy as an array of 64-bit words, without copying it and read-only."""

    def __init__(self, address: int, words: int) -> None:
        self.__array_interface__ = {"data": (address, True), "shape": (words,), "typestr": "<u8", "version": 3}


def _word(address: int) -> int:
    return ctypes.c_uint64.from_address(address).value


def read_words(addresses: list[int]) -> bytes:
    """The 64-bit words at ``addresses``, as bytes (native order)."""
    return array("Q", map(_word, addresses)).tobytes()


