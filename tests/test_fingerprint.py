"""The tamper check: a record taken of this very process, compared after changes to it.

These run in the test process itself, on the modules it has (json, builtins, the grader, the
standard library), with no TensorFlow; the adversarial corpus covers Keras."""

from __future__ import annotations

import functools
import json
import string
import sys
import textwrap
import types

import pytest

import grader.contract.results
import grader.report
from grader.child import fingerprint
from grader.introspect import holds_code


@pytest.fixture(params=["with-views", "without-views"])
def check(request):
    """A fresh record, and a function that compares this process with it."""
    record = fingerprint.take()
    claimed = fingerprint.claim(record)
    assert claimed is not None, "CPython 3.11-3.13 keep a version tag in every dict"
    if request.param == "without-views":
        claimed = None
    return lambda: fingerprint.tampered(record, claimed)


def test_an_untouched_process_is_not_tampered(check):
    assert check() == []


def test_a_replaced_function_in_a_watched_module_is_found(check, monkeypatch):
    monkeypatch.setattr(json, "dumps", lambda *args, **kwargs: "{}")
    assert "json.dumps" in check()


def test_a_replaced_builtin_is_found(check, monkeypatch):
    monkeypatch.setattr("builtins.divmod", lambda *args: (0, 0))
    assert "builtins.divmod" in check()


def test_a_member_added_to_a_watched_class_is_found(check, monkeypatch):
    monkeypatch.setattr(grader.contract.results.Report, "total", 10, raising=False)
    assert "grader.contract.results.Report.total" in check()


def test_a_module_replaced_in_sys_modules_is_found(check, monkeypatch):
    monkeypatch.setitem(sys.modules, "json", types.ModuleType("json"))
    assert "json" in check()


class ReadsRunCode(dict):
    """Like matplotlib's rcParams: reading an item runs code (there, it picks a backend and sets
    ``pyplot._backend_mod``), so a record that read it would change what it records."""

    reads: list[str] = []

    def __getitem__(self, key):
        ReadsRunCode.reads.append(key)
        return super().__getitem__(key)

    def values(self):
        return [self[key] for key in self]


LAZY = ReadsRunCode(backend="auto")


class ClaimsToBeADict:
    """Like wrapt's proxies (TensorFlow's ``_DictWrapper``): ``isinstance(x, dict)`` says yes, its
    memory is no dict's."""

    @property
    def __class__(self):
        return dict

    def values(self):
        ReadsRunCode.reads.append("proxy")
        return []


PROXY = ClaimsToBeADict()


def test_taking_a_record_runs_no_code_of_a_dict_subclass_or_a_proxy():
    assert isinstance(PROXY, dict)
    ReadsRunCode.reads.clear()
    record = fingerprint.take()
    assert ReadsRunCode.reads == []
    assert fingerprint.tampered(record, None) == []


def test_importing_a_new_module_is_not_tampering(check, monkeypatch):
    monkeypatch.setitem(sys.modules, "student_helpers", types.ModuleType("student_helpers"))
    assert check() == []


def test_code_replaced_anywhere_is_found_even_by_a_c_level_callable(check, monkeypatch):
    monkeypatch.setattr(textwrap, "dedent", functools.partial(str.strip))
    assert check() == ["textwrap.dedent"]


def test_data_outside_the_watched_modules_may_change(check, monkeypatch):
    monkeypatch.setattr(textwrap, "_whitespace_only_re", None)
    assert check() == []


def test_code_added_to_any_class_is_found_but_data_is_not(check, monkeypatch):
    monkeypatch.setattr(string.Template, "substitute_all", functools.partial(print), raising=False)
    monkeypatch.setattr(string.Template, "default_values", {}, raising=False)
    assert check() == ["string.Template.substitute_all"]


def test_lazily_set_up_state_in_a_watched_module_is_not_tampering(check, monkeypatch):
    monkeypatch.setattr(json.decoder, "_CONSTANTS", dict(json.decoder._CONSTANTS))
    assert check() == []


def test_the_memory_view_cannot_be_written():
    (memory, where, _), heap_views = fingerprint.claim(fingerprint.take())
    heap_memory, heap_where = heap_views[:2]
    for view, index in ((memory, where[0]), (heap_memory, heap_where[0])):
        with pytest.raises(ValueError):
            view[index] = 0
        with pytest.raises(ValueError):
            view.setflags(write=True)


def test_code_of_a_value_s_class_never_runs_while_it_is_judged():
    class Meta(type):
        def __getattribute__(cls, name):
            raise AssertionError("the metaclass ran")

    class Sneaky(metaclass=Meta):
        pass

    assert holds_code(Sneaky()) is False
    assert holds_code(property()) is True


def test_an_entry_replaced_in_a_watched_registry_is_found(check, monkeypatch):
    import grader.grading.feedback

    first = next(iter(grader.grading.feedback.OPTIMIZER_WHY))
    monkeypatch.setitem(grader.grading.feedback.OPTIMIZER_WHY, first, "a lie")
    assert "grader.grading.feedback.OPTIMIZER_WHY" in check()


def test_an_entry_added_to_a_watched_registry_is_not_tampering(check, monkeypatch):
    import grader.grading.feedback

    monkeypatch.setitem(grader.grading.feedback.OPTIMIZER_WHY, "NewOptimizer", "registered later")
    assert check() == []


@pytest.fixture
def recorded():
    record = fingerprint.take()
    return record, fingerprint.claim(record)


def test_code_replaced_outside_the_watched_modules_is_not_evidence_and_is_put_back(recorded, monkeypatch):
    record, claimed = recorded
    original = textwrap.dedent
    monkeypatch.setattr(textwrap, "dedent", lambda text: "")  # as a student silences warnings.warn
    [change] = fingerprint.changes(record, claimed)
    assert (change.label, change.strict, change.code) == ("textwrap.dedent", False, True)
    fingerprint.restore(record, [change])
    assert textwrap.dedent is original


def test_a_lazy_attribute_replacing_itself_in_a_library_class_is_not_evidence(recorded, monkeypatch):
    record, claimed = recorded
    lazy = string.Template.__dict__["substitute"]  # six's MovedAttribute replaces itself so on first use
    monkeypatch.setattr(string.Template, "substitute", staticmethod(len))
    assert [change.strict for change in fingerprint.changes(record, claimed)] == [False]
    fingerprint.restore(record, fingerprint.changes(record, claimed))
    assert string.Template.__dict__["substitute"] is lazy


def test_code_replaced_in_a_watched_module_is_evidence_and_is_put_back(recorded, monkeypatch):
    record, claimed = recorded
    original = json.dumps
    monkeypatch.setattr(json, "dumps", lambda *args, **kwargs: "{}")
    found = fingerprint.changes(record, claimed)
    assert [(change.label, change.strict) for change in found] == [("json.dumps", True)]
    fingerprint.restore(record, found)
    assert json.dumps is original


def test_a_submodule_the_import_system_binds_to_its_package_is_not_evidence(monkeypatch):
    # Keras 3.8's `keras.layers` is first keras.api's module of that name; `import keras.layers` then
    # binds the module registered as "keras.layers" in its place, as here.
    monkeypatch.setattr(grader.report, "probe", types.ModuleType("grader.api.probe"), raising=False)
    record = fingerprint.take()
    claimed = fingerprint.claim(record)
    submodule = types.ModuleType("grader.report.probe")
    monkeypatch.setitem(sys.modules, "grader.report.probe", submodule)
    monkeypatch.setattr(grader.report, "probe", submodule)
    assert [change for change in fingerprint.changes(record, claimed) if change.strict] == []
    monkeypatch.setattr(grader.report, "get_writer", submodule)  # a module, but not the one of that name
    assert [change.label for change in fingerprint.changes(record, claimed) if change.strict] == [
        "grader.report.get_writer"]
