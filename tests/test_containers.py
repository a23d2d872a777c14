"""The heap record: every container alive before a submission, and what was left in it since.

These run in the test process itself: a record is taken, the process is changed the way a
submission could change it, and the walk of what changed must find the C-level callable left
there (or find nothing, for the changes Keras and Python make themselves)."""

from __future__ import annotations

import abc
import copy
import functools
import itertools
import logging
import operator
import os
import sys
import types
import weakref

import pytest

from grader.child import containers, fingerprint
from grader.integrity.planted import PlantedCallable


class Probe(abc.ABC):
    """An ABC that exists before the record is taken."""


def _closure_owner():
    helper = len

    def use(value):
        return helper(value)
    return use


CLOSURE = _closure_owner()  # a function whose cell exists before the record
PROPERTY = property(len)


@pytest.fixture
def walk():
    """A fresh record, and a function that walks what changed in this process since."""
    record = containers.take()
    assert record[containers.WORDS] is not None, "CPython 3.11 keeps containers as grader.child.containers expects"
    claimed = containers.claim(record)
    known_types = frozenset(map(id, fingerprint.all_classes()))
    return lambda: PlantedCallable.inspect((containers.changed(record, claimed), containers.known(record), known_types), None)


def c_level_chain():
    """What the red team left behind: a partial over a built-in, which runs with no Python frame."""
    return functools.partial(os.write, 2, b"ESCAPED")


def test_the_layout_is_the_one_this_python_has():
    assert containers.layout_holds()


def test_an_untouched_process_holds_nothing_foreign(walk):
    assert walk() == []


def test_data_and_python_code_may_be_added(walk, monkeypatch):
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, lambda value, memo: value)  # Python code: the guard sees it
    monkeypatch.setattr(logging.root, "grader_probe", {"level": [1, 2.5, "x"]}, raising=False)
    monkeypatch.setattr(sys, "path", [*sys.path, "/nowhere"])
    assert walk() == []


def test_a_library_s_own_function_set_on_an_object_that_existed_is_allowed(walk, monkeypatch):
    def find_caller(*args, **kwargs):  # as tf.get_logger() sets its own on the "tensorflow" logger
        return "(unknown file)", 0, "(unknown function)", None

    monkeypatch.setattr(logging.getLogger("grader-probe"), "findCaller", find_caller, raising=False)
    assert walk() == []


def test_callables_that_run_only_what_their_caller_asks_are_allowed(walk, monkeypatch):
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, itertools.count())  # matplotlib keeps one per figure
    monkeypatch.setattr(logging.root, "grader_probe", [zip([1], [2]), str.lower, "{:.3f}".format], raising=False)
    assert walk() == []


def test_a_c_level_binding_inside_an_iterator_that_calls_nothing_is_found(walk, monkeypatch):
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, zip(map(print, [1]), [2]))
    assert walk() != []


def test_a_c_level_callable_in_a_registry_dict_is_found(walk, monkeypatch):
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, c_level_chain())
    [evidence] = walk()
    assert "partial" in evidence and "write" in evidence


def test_a_finder_put_on_sys_meta_path_is_found(walk):
    finder = types.SimpleNamespace(find_spec=c_level_chain())
    sys.meta_path.insert(0, finder)  # the list that existed: changed in place
    try:
        assert walk() != []
    finally:
        sys.meta_path.remove(finder)


def test_a_callable_in_an_attribute_of_an_object_that_existed_is_found(walk, monkeypatch):
    monkeypatch.setattr(logging.root, "handle", operator.methodcaller("strip"), raising=False)
    assert walk() != []


def test_a_closure_cell_changed_in_place_is_found(walk):
    cell = CLOSURE.__closure__[0]
    cell.cell_contents = functools.partial(len)  # a built-in: no Python frame when the closure calls it
    try:
        assert walk() != []
    finally:
        cell.cell_contents = len


def test_a_property_initialised_again_is_found(walk):
    PROPERTY.__init__(c_level_chain())
    try:
        assert walk() != []
    finally:
        PROPERTY.__init__(len)


def test_a_class_registered_with_an_abc_is_walked(walk):
    class Meta(abc.ABCMeta):
        __subclasscheck__ = functools.partial(operator.is_, None)  # over a built-in; harmless when asked

    class Virtual(metaclass=Meta):
        pass

    Probe.register(Virtual)  # cannot be undone; Probe is this module's own
    assert walk() != []


@pytest.mark.parametrize("make", [
    lambda: types.MethodType(os.write, 2),  # binds a built-in's first argument
    lambda: map(print, [1]),
    lambda: itertools.starmap(print, [()]),
    lambda: operator.attrgetter("x"),
], ids=["method-over-builtin", "map", "starmap", "attrgetter"])
def test_every_c_level_binding_is_refused(walk, monkeypatch, make):
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, make())
    assert walk() != []


def test_a_proxy_is_followed_to_what_it_refers_to(walk, monkeypatch):
    target = c_level_chain()
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, weakref.proxy(target))
    assert walk() != []


def test_a_partial_over_python_code_is_allowed(walk, monkeypatch):
    monkeypatch.setitem(copy._deepcopy_dispatch, Probe, functools.partial(_closure_owner))
    assert walk() == []
