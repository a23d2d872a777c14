"""Detector ``activations``: a function of the student's own used as a layer's activation.

Runs in the sandboxed child's sender thread. Keras saves a function by its name only, so a
function of the student's own called ``relu`` is described, and graded, as Keras' relu. Honest
code does this too (a hand-written relu), which is why this is a flag: the instructor can see
whether the function computes what its name says.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import sys
import types
from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, needs
from grader.integrity.common import instance_dict, layer_name, real_name


class Kit(NamedTuple):
    activation_objects: frozenset[int]  # ids of Keras' and TensorFlow's own functions usable as activations
    flatten_layers: Any  # Layer._flatten_layers


class Activations(Detector):
    id = "activations"
    title = "a layer uses a function of the submission's own as its activation"

    @staticmethod
    def probe() -> Kit:
        import keras
        import tensorflow as tf

        modules = [keras.activations, keras.ops, tf.nn, tf.math]
        internal = sys.modules.get("keras.src.activations.activations")
        if internal is not None:
            modules.append(internal)
        return Kit(frozenset(id(value) for module in modules for value in vars(module).values() if callable(value)),
                   needs("keras", "Layer._flatten_layers"))

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        evidence = []
        for layer in kit.flatten_layers(context.model, include_self=False, recursive=True):
            for attribute in ("activation", "recurrent_activation"):
                function = instance_dict(layer).get(attribute)
                if function is not None and id(function) not in kit.activation_objects:
                    name = function.__name__ if type(function) is types.FunctionType else real_name(type(function))
                    evidence.append(f"layer `{layer_name(layer)}` uses `{name}` as its "
                                    f"{attribute}, a function of the submission's own rather than Keras' or "
                                    "TensorFlow's; Keras saves it by its name only, so it is graded as the Keras "
                                    "function of that name")
        return evidence[:3]
