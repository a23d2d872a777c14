"""The tamper check: what the worker records before student code runs, compared in the child.

These run in the test process itself, on the modules it has (json, builtins, grader), with
no TensorFlow; the adversarial corpus covers Keras."""

from __future__ import annotations

import dataclasses
import json
import sys
import types

import pytest

import grader.results
from grader.execute import DictVersions, Fingerprint


def test_dict_versions_tell_a_changed_dict_from_an_unchanged_one():
    kept, changed, emptied = {"a": 1}, {"a": 1}, {"a": 1}
    versions = DictVersions.take([kept, changed, emptied])
    assert versions is not None, "CPython 3.11-3.13 keep a version tag in every dict"
    changed["a"] = 2
    emptied.clear()
    assert versions.changed() == [1, 2]


def test_dict_versions_see_a_value_replaced_by_an_equal_one():
    value = {"a": 1000}
    versions = DictVersions.take([value])
    value["a"] = int("1000")  # equal, but another object
    assert versions.changed() == [0]


@pytest.fixture(params=["with-versions", "without-versions"])
def fingerprint(request) -> Fingerprint:
    taken = Fingerprint.take()
    return taken if request.param == "with-versions" else dataclasses.replace(taken, versions=None)


def test_an_untouched_process_is_not_tampered(fingerprint):
    assert fingerprint.tampered() == []


def test_a_replaced_function_is_found(fingerprint, monkeypatch):
    monkeypatch.setattr(json, "dumps", lambda *args, **kwargs: "{}")
    assert "json.dumps" in fingerprint.tampered()


def test_a_replaced_builtin_is_found(fingerprint, monkeypatch):
    monkeypatch.setattr("builtins.divmod", lambda *args: (0, 0))
    assert "builtins.divmod" in fingerprint.tampered()


def test_a_member_added_to_a_watched_class_is_found(fingerprint, monkeypatch):
    monkeypatch.setattr(grader.results.Report, "total", 10, raising=False)
    assert "grader.results.Report.total" in fingerprint.tampered()


def test_a_module_replaced_in_sys_modules_is_found(fingerprint, monkeypatch):
    monkeypatch.setitem(sys.modules, "json", types.ModuleType("json"))
    assert "json" in fingerprint.tampered()


def test_importing_a_new_module_is_not_tampering(fingerprint, monkeypatch):
    monkeypatch.setitem(sys.modules, "student_helpers", types.ModuleType("student_helpers"))
    assert fingerprint.tampered() == []
