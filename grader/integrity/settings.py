"""Detector ``keras-settings``: Keras' global settings changed by the submission.

Runs in the sandboxed child's sender thread, through Keras' public getters (``keras.config``).
``set_floatx``, ``set_epsilon`` or ``set_max_steps_per_epoch`` change how every layer and loss
computes and how fit() trains in the student's process, and no model's description records them
(the grader rebuilds and measures every model under Keras' defaults). Honest code changes them
too, which is why this is a flag.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any

from grader.integrity import Detector, ModelContext, Unavailable

# keras.config's getters, where the running Keras has them.
GETTERS = ("floatx", "epsilon", "image_data_format", "backend", "max_epochs", "max_steps_per_epoch")


class KerasSettings(Detector):
    id = "keras-settings"
    title = "Keras' global settings were changed"

    @staticmethod
    def probe() -> tuple[tuple[str, Any, Any], ...]:
        import keras

        found = tuple((name, getattr(keras.config, name), getattr(keras.config, name)())
                      for name in GETTERS if callable(getattr(keras.config, name, None)))
        if not found:
            raise Unavailable("keras.config has none of its getters")
        return found

    @staticmethod
    def inspect(context: ModelContext, kit: tuple[tuple[str, Any, Any], ...]) -> list[str]:
        changed = []
        for name, getter, value in kit:
            now = getter()
            if type(now) is not type(value) or now != value:
                changed.append(f"`{name}` is {now!r}, not {value!r}" if type(now) in (str, int, float) else f"`{name}`")
        if not changed:
            return []
        return [f"the submission changed Keras' global settings ({', '.join(changed)}): they change how every layer "
                "and loss computes and how fit() trains, and the grader describes the model under Keras' defaults"]
