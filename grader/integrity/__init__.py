"""Integrity: is the description the grader exports the model the student's code made?

The grade is decided from a description (Keras configs) that the sandboxed child exports by
calling Keras on the student's objects. Each detector here looks for one way the description and
the model can disagree, and reports what it found as evidence, never as a verdict:

    detector          runs                        default  finds
    keras-code        child, before the export    refuse   Keras', json's, builtins' or the grader's own code,
                                                           registries or function names replaced
    planted-callable  child, before the export    refuse   a C-level callable that binds arguments or chains
                                                           calls left where the export could call it
    model-methods     child, after the export     flag     an instance attribute hiding a method on Keras' own
                                                           objects in the model
    activations       child                       flag     a function of the student's own as an activation
                                                           (saved by name only)
    compile-record    child                       flag     compile()'s record not the optimizer, losses and
                                                           metrics the model trains with
    losses-metrics    child                       flag     loss and metric objects not what their configs rebuild
    graph             child                       flag     a graph that runs other layers or nodes than it stores
    optimizer-state   child                       flag     optimizer state no training leaves
    variables         child                       flag     variables that are not the TensorFlow variables that
                                                           compute, or share one storage
    keras-settings    child                       flag     Keras' global settings (floatx, epsilon, ...) changed
    scopes            child                       flag     Keras scopes left open in the student's thread
    cached-steps      child                       flag     a cached fit/evaluate/predict step that is not what
                                                           Keras makes from the model now
    layer-state       describer                   flag     weights and layer fields the rebuilt model lacks

Evidence goes to the instructor (the report, the gradebook's ``findings`` column, the class
summary's "needs review" list). The course's policy (``grader.grading.policy``) decides per detector
whether a finding also withholds the score (``refuse``) or only lists the submission for review
(``flag``). Refusal is the default only where honest code cannot produce the evidence (Keras' own
code replaced) or where the export cannot run safely past it (a planted callable: only
``refuse``). Everything else is a heuristic about state Keras keeps privately, which another Keras
release may keep otherwise: a flag.

Every detector declares what it reads of Keras' and TensorFlow's internals and looks for it when
the worker starts (``probe``); one whose internals the running Keras lacks is off, with a note in
every report and in ``grader doctor``, and grading goes on. A detector that fails on a submission
is off for that submission, with a note. The grading path itself (``grader.child.export``,
``grader.describer.describe``) uses Keras' public API only.

This package imports neither Keras nor TensorFlow until a detector's ``probe`` runs: the
``grader`` command lists the detectors without them.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, ClassVar, Literal, NamedTuple

Action = Literal["refuse", "flag"]
ACTIONS: tuple[Action, ...] = ("refuse", "flag")
Stage = Literal["gate", "model", "describer"]


class Unavailable(Exception):
    """A detector's probe did not find what it reads on the running Keras or TensorFlow; the
    message is one line, for the note every report carries."""


class Skipped(Exception):
    """A detector cannot look at this submission (a model built in a distribution strategy, a loss
    of the student's own that retracing would run); the message says why, for a note."""


class ModelContext(NamedTuple):
    """What a detector of the ``model`` stage sees, in the child's sender: the student's model, and
    what was known before the student's code ran."""

    model: Any
    variable: str  # the name the model has in the student's code
    own: Any  # grader.child.export.KerasOwn: Keras' public classes and methods, captured at worker start
    known: frozenset[int]  # ids of every object alive before the student's code (grader.child.containers)
    custom: frozenset[int]  # ids of the optimizer, losses and metrics of the student's own classes
    thread_state: dict[Any, Any] | None  # Keras' thread-local state as the student's thread left it
    hidden: tuple[tuple[Any, str], ...] = ()  # (object, attribute): code hidden on Keras' objects of the model


class Detector:
    """One concern of the integrity layer, registered in ``DETECTORS``.

    Contract: ``probe`` runs once in the worker, before any submission, and returns the detector's
    *kit* (what it reads of Keras' internals: classes, functions, names; immutable) or raises
    ``Unavailable``. ``inspect`` returns evidence, one sentence each saying what was found and
    where, and decides nothing; it may raise, which the caller turns into a note. Detectors hold no
    state of their own.
    """

    id: ClassVar[str]
    title: ClassVar[str]  # what it looks for, neutral (shown to students with a finding)
    default: ClassVar[Action] = "flag"
    refuse_only: ClassVar[bool] = False  # the export cannot run safely past its evidence
    stage: ClassVar[Stage] = "model"

    @staticmethod
    def probe() -> Any:
        return None

    @staticmethod
    def inspect(context: Any, kit: Any) -> list[str]:
        raise NotImplementedError


class Probed(NamedTuple):
    """A detector as the running worker has it: its kit, or why it is off."""

    id: str
    kit: Any
    off: str  # '' when on; else the one-line reason


def probe_all() -> tuple[Probed, ...]:
    """Every detector's kit, found on the running Keras and TensorFlow (at worker start)."""
    found = []
    for detector in DETECTORS.values():
        try:
            found.append(Probed(detector.id, detector.probe(), ""))
        except Unavailable as exc:
            found.append(Probed(detector.id, None, str(exc) or "unavailable"))
        except Exception as exc:  # noqa: BLE001 - an internal that moved: the detector is off, grading goes on
            found.append(Probed(detector.id, None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                                if str(exc) else type(exc).__name__))
    return tuple(found)


def off_note(detector_id: str, reason: str) -> str:
    """The note every report carries for a detector the running Keras switched off."""
    return f"Integrity check `{detector_id}` is off on this installation ({reason}); grading goes on without it."


def needs(module: str, *names: str) -> Any:
    """``module`` imported, with ``names`` looked up in it (dotted for nested attributes); raises
    Unavailable naming what is missing. Detectors' probes use it for Keras' and TensorFlow's internals."""
    import importlib

    try:
        found: Any = importlib.import_module(module)
    except ImportError as exc:
        raise Unavailable(f"no module `{module}` ({exc.name or exc})") from None
    values = []
    for name in names:
        value = found
        for part in name.split("."):
            if not hasattr(value, part):
                raise Unavailable(f"`{module}` has no `{name}`")
            value = getattr(value, part)
        values.append(value)
    return values[0] if len(values) == 1 else tuple(values) if values else found


def _registry() -> tuple[type[Detector], ...]:
    from grader.integrity.activations import Activations
    from grader.integrity.cached_steps import CachedSteps
    from grader.integrity.compile_record import CompileRecord
    from grader.integrity.graph import Graph
    from grader.integrity.keras_code import KerasCode
    from grader.integrity.layer_state import LayerState
    from grader.integrity.losses_metrics import LossesMetrics
    from grader.integrity.model_methods import ModelMethods
    from grader.integrity.optimizer_state import OptimizerState
    from grader.integrity.planted import PlantedCallable
    from grader.integrity.scopes import Scopes
    from grader.integrity.settings import KerasSettings
    from grader.integrity.variables import Variables

    # In the order they run: the model-stage detectors that retrace or write variables come last.
    return (KerasCode, PlantedCallable, ModelMethods, Activations, CompileRecord, LossesMetrics, Graph,
            OptimizerState, KerasSettings, Scopes, Variables, CachedSteps, LayerState)


DETECTORS: MappingProxyType[str, type[Detector]] = MappingProxyType({cls.id: cls for cls in _registry()})


__all__ = ["ACTIONS", "DETECTORS", "Action", "Detector", "ModelContext", "Probed", "Skipped", "Unavailable", "needs",
           "off_note", "probe_all"]
