"""Runs inside the sandboxed child, in its main thread: execute the student's code.

``run_submission`` runs the code cells of a submission in one namespace, as a notebook's kernel or
``python file.py`` would, and hands what it left to the sender thread (``grader.child.export``).
``watch_training`` is installed in the worker, before any child is forked, so that the first
``fit()`` after each ``compile()`` records the optimizer the student compiled.
Binds every name at import, in the worker, before any student code exists.

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import traceback
import types
import weakref
from typing import Any, NamedTuple

from grader.child.ipython_shell import NotebookShell
from grader.contract.markers import SANDBOX_MARKER
from grader.integrity.common import inner_optimizer, instance_dict, real_name
from grader.integrity.keras_code import KERAS_GLOBAL_STATE


def error_answer(kind: str, message: str, line: int | None = None) -> dict[str, Any]:
    """The child's answer for a submission that could not be run or exported (``kind``: a ``FailureKind``)."""
    return {"error": {"kind": kind, "message": message, "line": line}}


# The optimizer's settings when fit() started, per model, since its last compile(): a callback
# (ReduceLROnPlateau, LearningRateScheduler) changes the learning rate as it trains, and the grade
# is of the optimizer the student compiled. Filled in the student's thread by the wrapper
# ``watch_training`` puts on keras.Model.fit in the worker, before any child is forked.
class _TrainingStart(NamedTuple):
    model: Any  # a weak reference
    record: int  # id of the compile record it trained under
    optimizer: Any  # a weak reference to the optimizer that trained
    config: dict[str, Any]  # the optimizer's config when the first fit() began


def watch_training() -> Any:
    """Wrap ``keras.Model.fit`` (in the worker, before the fingerprint is taken) so that the first
    fit() after each compile() records the optimizer's settings as they were when training began.
    Returns the lookup ``training_start(model) -> config or None`` the export uses."""
    import keras

    starts: dict[int, _TrainingStart] = {}
    fit = keras.Model.fit

    def record(model: Any) -> None:
        try:
            optimizer = inner_optimizer(instance_dict(model).get("optimizer"), keras.optimizers.LossScaleOptimizer)
            compiled_record = instance_dict(model).get("_compile_config")
            known = starts.get(id(model))
            if optimizer is None or compiled_record is None or (
                    known is not None and known.model() is model and known.record == id(compiled_record)
                    and known.optimizer() is optimizer):
                return
            starts[id(model)] = _TrainingStart(weakref.ref(model), id(compiled_record), weakref.ref(optimizer),
                                               json.loads(json.dumps(optimizer.get_config(), default=repr)))
        except Exception:  # noqa: BLE001 - only a record for the grade; training goes on regardless
            pass

    def watched_fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        record(self)
        return fit(self, *args, **kwargs)

    watched_fit.__doc__, watched_fit.__name__, watched_fit.__qualname__ = fit.__doc__, fit.__name__, fit.__qualname__
    watched_fit.__wrapped__ = fit  # type: ignore[attr-defined]
    keras.Model.fit = watched_fit

    def training_start(model: Any, optimizer: Any) -> dict[str, Any] | None:
        found = starts.get(id(model))
        record_now = instance_dict(model).get("_compile_config")
        if found is None or found.model() is not model or found.record != id(record_now) \
                or found.optimizer() is not optimizer:
            return None
        return found.config

    return training_start


def run_submission(chunks: list[tuple[str, str]], loaded: frozenset[int], _vars: Any = vars,
                   _local: type = threading.local) -> Any:
    """Execute ``chunks`` (label, code) in one namespace, in the child's main thread.

    Returns what ``export_submission`` needs, ``(namespace, notes, thread_state)``, or an error.
    ``loaded`` are the ids of the namespaces of the modules the worker had loaded (see
    ``_guard_functions``). ``thread_state`` is Keras' thread-local state as this thread, the
    student's, sees it (the scopes it left open), which the sender thread cannot read: read
    after the student's code has ended, of Keras' own ``threading.local`` only.
    """
    keras_module = sys.modules.get(KERAS_GLOBAL_STATE)
    keras_state = _vars(keras_module) if keras_module is not None else {}
    compiled = []
    for label, code in chunks:
        try:
            compiled.append(compile(code, label, "exec"))
        except SyntaxError as exc:
            return _syntax_error(exc, label)
        except (ValueError, MemoryError, RecursionError) as exc:
            return error_answer("syntax", f"Python could not compile {label}: {exc}.")

    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__, "display": _display}
    shell = NotebookShell(namespace)
    namespace["get_ipython"] = lambda: shell
    labels = {label for label, _ in chunks}
    notes: list[str] = []
    _single_threaded_tensorflow()
    _guard_functions(loaded)
    sys.path.insert(0, os.getcwd())  # as a notebook's kernel or `python file.py`: files written here import
    os.environ[SANDBOX_MARKER] = "1"  # a notebook's own `check()` cell does nothing while it is graded
    for code in compiled:
        try:
            exec(code, namespace)
        except SystemExit as exc:
            notes.append(f"The submission called sys.exit({'' if exc.code is None else repr(exc.code)}); "
                         "the code after it did not run.")
            break
        except MemoryError:
            return error_answer("memory", "The submission ran out of memory.")
        except BaseException as exc:  # noqa: BLE001 - any student exception is a verdict
            if type(exc).__name__ == "ResourceExhaustedError":  # TensorFlow's out-of-memory
                return error_answer("memory", f"The submission ran out of memory ({describe_exception(exc)}).")
            if type(exc) is SyntaxError and exc.filename in labels:  # in a cell magic's body
                return _syntax_error(exc, exc.filename)
            return _exception_error(exc, labels)
    tracker = keras_state.get("GLOBAL_STATE_TRACKER")
    return namespace, notes, _vars(tracker) if type(tracker) is _local else None


def _syntax_error(exc: SyntaxError, label: str) -> dict[str, Any]:
    where = f"{label}, line {exc.lineno}" if exc.lineno else label
    return error_answer("syntax", f"Syntax error in {where}: {exc.msg}.", exc.lineno)


def _exception_error(exc: BaseException, labels: set[str]) -> dict[str, Any]:
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename in labels]
    where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    shown = "".join(traceback.format_list(frames[-3:])) if frames else ""
    line = frames[-1].lineno if frames else None
    missing = _missing_package(exc)
    if missing:
        return error_answer("missing_package", f"The submission imports `{missing}`{where}, which the course's grading "
                      "environment does not provide, so it cannot run here. Remove that import (and what uses it), "
                      "or ask your instructor whether the course can add the package.", line)
    message = f"The submission raised {describe_exception(exc)}{where}."
    if shown:
        message += "\n" + shown.rstrip()
    return error_answer("exception", message, line)


def _missing_package(exc: BaseException) -> str:
    """The top-level package a ModuleNotFoundError (or TensorFlow's TensorBoard-not-installed
    error) names, or ''."""
    if isinstance(exc, ModuleNotFoundError) and type(getattr(exc, "name", None)) is str and exc.name:
        return exc.name.split(".")[0]
    if real_name(type(exc)) == "TBNotInstalledError":
        return "tensorboard"
    return ""


def describe_exception(exc: BaseException) -> str:
    try:
        text = str(exc).strip().splitlines()
    except BaseException:  # noqa: BLE001 - a student's __str__ may itself raise
        text = []
    return f"{real_name(type(exc))}: {text[0][:300]}" if text else real_name(type(exc))


def _guard_functions(loaded: frozenset[int]) -> None:
    """From now on in this process, refuse to change the code or defaults of any function defined
    in a module loaded before the submission (Keras, the standard library, the grader), and
    refuse new audit hooks.

    Swapping ``__code__`` or ``__defaults__`` changes what a method does without changing any
    class or module, so the fingerprint cannot see it; Python announces it to audit hooks, which
    no Python code can remove. An audit hook of the submission's would run in every thread,
    the sender's included, where no profile function sees it (``grader.child.sender``); refusing
    it with a RuntimeError makes Python drop it silently. The hook binds every name it uses,
    since it also runs after the submission may have replaced built-ins.
    """
    def audit(event: str, args: tuple[Any, ...], _loaded: frozenset[int] = loaded,
              _function: type = types.FunctionType, _len: Any = len, _type: Any = type, _id: Any = id,
              _refused: type = PermissionError, _runtime_error: type = RuntimeError) -> None:
        if event == "sys.addaudithook":
            raise _runtime_error("submissions may not add audit hooks")
        if (event in ("object.__setattr__", "object.__delattr__") and _len(args) >= 2
                and args[1] in ("__code__", "__defaults__", "__kwdefaults__")
                and _type(args[0]) is _function and _id(args[0].__globals__) in _loaded):
            raise _refused(f"submissions may not change the {args[1]} of {args[0].__module__}."
                           f"{args[0].__qualname__}, which they did not define")

    sys.addaudithook(audit)


def _single_threaded_tensorflow() -> None:
    """One thread per submission: the batch runs one child per core, and the pools TensorFlow
    would otherwise start in every child cost time and fight over the cores."""
    try:
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except Exception:  # noqa: BLE001 - only a speed-up
        pass


def _display(*objects: Any) -> None:
    """Stand-in for IPython's display() so notebooks that call it still run."""
    print(*objects, file=sys.stdout)


__all__ = ["describe_exception", "error_answer", "run_submission", "watch_training"]
