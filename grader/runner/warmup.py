"""Making every forked child cheap: work the worker does once, before it forks any child.

A child forked from the worker redoes whatever the worker left undone, and pays for
every page it writes (the kernel copies it). So, without running a TensorFlow
operation or starting a thread, the worker

- builds TensorFlow's global kernel registry and registers XLA's compilation kernels:
  process-wide tables the first operation would otherwise build in every child, and
  has children run eager operations with their kernels rather than as one-node
  functions, each compiled into a graph on first use (``prepare_tensorflow``);
- fills Python's ``isinstance`` caches for the abstract base classes a typical
  submission checks against, as learnt by rehearsing the lesson's model in a
  throwaway child (``rehearse`` and ``replay``);

Together they take about half off each child (see benchmarks/bench_batch.py). The
first costs nothing and is always done; the rehearsal costs about 0.15 s at start.
Each step is only a speed-up: where one is unavailable it is skipped.

Runs in: the warm worker, and the sandboxed children it forks; imports TensorFlow, never a TensorFlow operation.
"""

from __future__ import annotations

import abc
import ctypes
import os
import sys
from functools import partial
from typing import Any

from grader.child.sender import Finish
from grader.contract.limits import Limits
from grader.runner.sandbox import run_in_child

# The lesson's model as most students write it: what the rehearsal runs.
REHEARSAL = """\
from tensorflow.keras import layers, models
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
"""

# XlaOpRegistry::RegisterCompilationKernels(): idempotent, guarded by the registry's own lock.
XLA_REGISTER_KERNELS = "_ZN10tensorflow13XlaOpRegistry26RegisterCompilationKernelsEv"


def prepare_tensorflow() -> None:
    """Build TensorFlow's lazily built global kernel tables in this process, and have the eager
    contexts that children create run each operation with its kernel directly."""
    try:
        import tensorflow
        from tensorflow.python import pywrap_tfe
        from tensorflow.python.framework import kernels

        # TensorFlow 2.x runs every eager operation as a one-node function, so the first use of
        # each operation in a process instantiates and optimises a graph (3-7 ms each; the
        # lesson's model uses about a dozen). The kernels are the same either way, and fit()
        # runs in tf.function as before; each child simply starts without those graphs.
        enable = pywrap_tfe.TFE_ContextOptionsSetRunEagerOpAsFunction
        pywrap_tfe.TFE_ContextOptionsSetRunEagerOpAsFunction = lambda options, _: enable(options, False)
        kernels.get_registered_kernels_for_op("MatMul")  # builds the global kernel registry
        library = ctypes.CDLL(os.path.join(os.path.dirname(tensorflow.__file__), "libtensorflow_cc.so.2"))
        getattr(library, XLA_REGISTER_KERNELS)()
    except (ImportError, OSError, AttributeError):
        pass


def rehearse(limits: Limits) -> list[list[list[str]]]:
    """Grade the lesson's model in a throwaway child and return the (abstract class, class)
    pairs its ``isinstance`` checks added to the caches, as [module, qualname] names."""
    from grader.child import fingerprint
    from grader.child.export import ExportRequest, KerasOwn, export_submission
    from grader.child.run import run_submission

    record, own = fingerprint.take(with_heap=False), KerasOwn.capture()  # a rehearsal: the heap is not watched
    before = {id(klass): set(map(id, _cached(klass))) for klass in _abstract_classes()}  # as the child starts

    def finish(ran: Any, views: Any) -> list[list[list[str]]]:
        export_submission(ran, views, record, ExportRequest("model"), own)
        return [[_name(klass), _name(cached)] for klass in _abstract_classes()
                for cached in _cached(klass) if id(cached) not in before.get(id(klass), ())]

    pairs = run_in_child(partial(run_submission, [("rehearsal.py", REHEARSAL)], fingerprint.loaded_namespaces(record)),
                         limits, finish=Finish(finish, claim=partial(fingerprint.claim, record))).payload
    return pairs if isinstance(pairs, list) else []


def replay(pairs: list[list[list[str]]]) -> int:
    """Make the same checks here, so that forked children find them cached; returns how many."""
    made = 0
    for names in pairs:
        try:
            klass, cached = (_resolve(module, qualname) for module, qualname in names)
        except (TypeError, ValueError):
            continue
        if klass is not None and cached is not None:
            try:
                issubclass(cached, klass)
            except Exception:  # noqa: BLE001 - a class whose check fails is simply not warmed
                continue
            made += 1
    return made


def _abstract_classes() -> list[type]:
    """Every class whose metaclass is ABCMeta, found by walking the class tree from ``object``."""
    found, seen, pending = [], {id(object)}, [object]
    while pending:
        for subclass in type.__subclasses__(pending.pop()):
            if id(subclass) not in seen:
                seen.add(id(subclass))
                pending.append(subclass)
                if isinstance(subclass, abc.ABCMeta):
                    found.append(subclass)
    return found


def _cached(klass: type) -> list[type]:
    """The classes whose ``issubclass(..., klass)`` answer is cached, either way."""
    try:
        _, positive, negative, _ = abc._get_dump(klass)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return []
    return [value for value in (ref() for ref in (*positive, *negative)) if value is not None]


def _name(value: Any) -> list[str]:
    return [str(getattr(value, "__module__", "")), str(getattr(value, "__qualname__", ""))]


def _resolve(module: str, qualname: str) -> type | None:
    value: Any = sys.modules.get(module)
    for part in qualname.split("."):
        value = getattr(value, part, None)
    return value if isinstance(value, type) else None
