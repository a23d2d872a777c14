"""Reading objects without running their code: a class's real MRO and attribute dict, whether a
value is code, what a cell, partial, property or method wrapper refers to.

Shared by the untrusted side's record of the process (``grader.child.fingerprint``,
``grader.child.containers``) and the integrity detectors, which also run in the trusted describer;
imports only the standard library.

Runs in: the sandboxed child and the trusted describer; imports only the standard library.
"""

from __future__ import annotations

import functools
import types
from typing import Any

PLAIN_TYPES = frozenset((str, int, float, bytes, bool, type(None)))

# A class's method resolution order and attribute dict as Python keeps them, whatever its
# metaclass would answer (``__mro__`` or ``__dict__`` as properties, ``__getattribute__``).
real_mro = type.__dict__["__mro__"].__get__
class_dict = type.__dict__["__dict__"].__get__


def is_descriptor(value: Any, method: str, _type: Any = type, _mro: Any = real_mro,
                  _class_dict: Any = class_dict) -> bool:
    """Whether ``value``'s class (or a base) defines ``method`` (``__get__``, ``__set__``)."""
    for klass in _mro(_type(value)):
        if method in _class_dict(klass):
            return True
    return False


def holds_code(value: Any, _callable: Any = callable, _is_descriptor: Any = is_descriptor) -> bool:
    """Whether ``value`` is code: callable, or a descriptor (property, staticmethod, ...). Asked
    of the real class dicts only, so no code of the value's class or metaclass runs."""
    return _callable(value) or _is_descriptor(value, "__get__")


def references(obj: Any) -> list[Any]:
    """What a cell (nothing if empty), partial, property, staticmethod or classmethod refers to:
    the words ``REFERENCES`` watches, read through their exact C types."""
    if type(obj) is types.CellType:
        try:
            return [obj.cell_contents]
        except ValueError:  # an empty cell
            return []
    if type(obj) is functools.partial:
        return [obj.func, obj.args, obj.keywords]
    if type(obj) is property:
        return [obj.fget, obj.fset, obj.fdel]
    return [obj.__func__]
