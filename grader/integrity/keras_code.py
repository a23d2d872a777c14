"""Detector ``keras-code``: Keras', json's, builtins' or the grader's own code replaced.

Runs in the sandboxed child's sender thread, before the export, on what ``grader.child.fingerprint``
found changed. Evidence honest code cannot produce: students build and compile models with Keras,
they do not rewrite it, so the default is to refuse. Replacing a Keras function changes what its
description says of any model (``Dense.get_config``), renaming one changes what name it is saved
by (a function is exported by its name), and an entry in Keras' registries changes which class a
name rebuilds. Whatever the policy, ``grader.child.fingerprint.restore`` puts every change back before
the export runs, so a flagged submission is described by Keras' own code.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import Any, NamedTuple

from grader.integrity import Detector

# The module where Keras keeps its thread-local state, and what keras.backend.clear_session()
# replaces in it (new threading.local objects): allowed.
KERAS_GLOBAL_STATE = "keras.src.backend.common.global_state"
CLEARED_BY_KERAS = frozenset({f"{KERAS_GLOBAL_STATE}.GLOBAL_STATE_TRACKER",
                              f"{KERAS_GLOBAL_STATE}.GLOBAL_SETTINGS_TRACKER"})


class Kit(NamedTuple):
    # Each Keras or TensorFlow function usable as an activation, loss or metric, with its names
    # then: a function is exported by name, and its __name__ lives where no dict records it.
    function_names: tuple[tuple[Any, str, str, str], ...]


class KerasCode(Detector):
    id = "keras-code"
    title = "Keras', Python's built-in or the grader's own code was replaced"
    default = "refuse"
    stage = "gate"

    @staticmethod
    def probe() -> Kit:
        import keras
        import tensorflow as tf

        modules = [keras.activations, keras.ops, tf.nn, tf.math, keras.losses, keras.metrics]
        internal = sys.modules.get("keras.src.activations.activations")  # where relu & co. are defined
        if internal is not None:
            modules.append(internal)
        return Kit(tuple((value, value.__name__, value.__qualname__, value.__module__)
                         for module in modules for value in vars(module).values()
                         if type(value) is types.FunctionType))

    @staticmethod
    def inspect(found: list[Any], kit: Kit) -> list[str]:
        """Evidence from ``grader.child.fingerprint.changes`` (``found``) and Keras' functions' names."""
        evidence = []
        replaced = sorted(change.label for change in found if change.strict and not cleared_by_keras(change.label))
        if replaced:
            shown = ", ".join(f"`{label}`" for label in replaced[:3])
            evidence.append(f"the submission replaced {shown}" + (f" and {len(replaced) - 3} more"
                                                                   if len(replaced) > 3 else ""))
        renamed = [f"{module}.{name}" for function, name, qualname, module in kit.function_names
                   if not _same_text(function.__name__, name) or not _same_text(function.__qualname__, qualname)
                   or not _same_text(function.__module__, module)]
        if renamed:
            evidence.append(f"the submission renamed `{renamed[0]}` (Keras saves a function by its name, so its "
                            "description would name another function)")
        return evidence


def cleared_by_keras(label: str, _local: type = threading.local) -> bool:
    """Whether ``label`` is one of the trackers keras.backend.clear_session() replaces, and holds
    a new ``threading.local`` as that leaves it (exact type: no code of its own)."""
    if label not in CLEARED_BY_KERAS:
        return False
    module = sys.modules.get(KERAS_GLOBAL_STATE)
    return module is not None and type(vars(module).get(label.rsplit(".", 1)[1])) is _local


def _same_text(value: Any, text: str) -> bool:
    """Whether ``value`` is the string ``text``: an exact str first, so that a str subclass's own
    ``__eq__`` never runs."""
    return type(value) is str and str.__eq__(value, text)
