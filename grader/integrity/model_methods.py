"""Detector ``model-methods``: an instance attribute hiding a method on Keras' own objects in the model.

Runs in the sandboxed child's sender thread. ``layer.call = ...`` or ``layer.get_config = ...``
makes that one object compute, or describe itself, otherwise than its class. The walk that looks
for planted callables (``grader.integrity.planted``) finds these on its way through the model, on
objects of classes that existed before the student's code ran, and the export removes them before
it describes the model (``grader.child.export``), so that the description is the class's; this detector
reports what was there.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any

from grader.integrity import Detector, ModelContext
from grader.integrity.common import real_name


class ModelMethods(Detector):
    id = "model-methods"
    title = "a method of a Keras object in the model was replaced on that object"

    @staticmethod
    def inspect(context: ModelContext, kit: Any) -> list[str]:
        return [f"a `{real_name(type(obj))}` in `{context.variable}` has its own `{name}` in place of its class's"
                for obj, name in context.hidden[:3]]
