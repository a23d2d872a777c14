"""Warm-up: the worker makes, ahead of its children, the isinstance checks they would make."""

from __future__ import annotations

import abc

from grader.runner.warmup import replay


class Shape(abc.ABC):
    """An abstract class nothing has been checked against yet."""


def _cached(klass: type) -> set[type]:
    _, positive, negative, _ = abc._get_dump(klass)
    return {ref() for ref in (*positive, *negative)}


def test_replay_caches_the_answer_for_each_named_pair():
    assert float not in _cached(Shape)
    made = replay([[["tests.test_warmup", "Shape"], ["builtins", "float"]]])
    assert made == 1
    assert float in _cached(Shape)


def test_replay_skips_names_it_cannot_resolve_or_read():
    assert replay([
        [["tests.test_warmup", "Missing"], ["builtins", "int"]],
        [["no.such.module", "Shape"], ["builtins", "int"]],
        [["tests.test_warmup", "Shape"], ["builtins", "len"]],  # a function, not a class
        [["tests.test_warmup"], ["builtins", "int"]],  # malformed
        "garbage",
    ]) == 0
