"""Runs inside the sandboxed child: execute the student's code and export the model as plain data.

Everything this module returns is produced in a process the student controls,
so the worker treats it as untrusted: it is only ever parsed as JSON, and the
spec that is graded is rebuilt from it elsewhere (``grader.describe``).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import traceback
import types
from typing import Any, NamedTuple

from grader import fingerprint, heap, integrity, traces

# Error kinds the child may report; anything else from the child is treated as a crash.
CHILD_ERROR_KINDS = ("syntax", "exception", "exited", "memory", "no_model", "unsupported_model", "tampered",
                     "threads")


# The module where Keras keeps its thread-local state.
KERAS_GLOBAL_STATE = "keras.src.backend.common.global_state"
# What keras.backend.clear_session() replaces in it, with new threading.local objects.
CLEARED_BY_KERAS = frozenset({f"{KERAS_GLOBAL_STATE}.GLOBAL_STATE_TRACKER",
                              f"{KERAS_GLOBAL_STATE}.GLOBAL_SETTINGS_TRACKER"})
# Keras' thread-local state that records names, defaults for new objects, what saving keeps
# between calls, logging and random seeds, not how existing models compute (graded on their own
# dtype policies; flash attention gives attention layers the same results). Loading's
# object-sharing maps are None again once load_model() returns.
THREAD_STATE_KEPT = frozenset({"object_name_uids", "dtype_policy", "custom_objects_scope_dict", "name_scope_stack",
                               "safe_mode_saving", "nnx_enabled", "tracking_on", "global_random_seed",
                               "global_seed_generator", "interactive_logging", "traceback_filtering",
                               "flash_attention"})
THREAD_STATE_KEPT_PREFIX = "saving_attr_skipset_"  # model.save() caches the attributes it skips, by class

TAMPERED_ADVICE = ("Submissions may not modify Keras, Python's built-ins or the grader, so this one is not "
                   "graded. Build and compile the model with the ordinary Keras API.")

# Set while student code runs in the sandbox (see grader.notebook.check).
SANDBOX_MARKER = "GRADER_SANDBOXED"

# Stands for an optimizer, loss or metric of the student's own class in the exported data.
CUSTOM_PREFIX = "custom:"


def _error(kind: str, message: str, line: int | None = None) -> dict[str, Any]:
    return {"error": {"kind": kind, "message": message, "line": line}}


# keras.config's settings, kept as module globals of keras.src.backend.config (names styled as
# private constants, which the fingerprint lets Keras reassign).
GLOBAL_SETTINGS = ("_FLOATX", "_EPSILON", "_IMAGE_DATA_FORMAT", "_BACKEND", "_NNX_ENABLED", "_MAX_EPOCHS",
                   "_MAX_STEPS_PER_EPOCH")


class KerasOwn(NamedTuple):
    """Keras' own classes, functions and methods, captured before the student's code runs.

    The export trusts nothing the submission defined: ``type()`` (which a ``__class__``
    property cannot fake) must be one of these classes, and the export calls these
    methods, not whatever the model's class says. A tuple, so that a submission that
    reaches it cannot change it (a frozen dataclass yields to ``object.__setattr__``).
    """

    model_base: type
    model_classes: frozenset[int]  # ids, so that no class's own __eq__ or __hash__ is ever asked
    layer_classes: frozenset[int]
    optimizer_classes: frozenset[int]
    loss_objects: frozenset[int]  # ids of Keras' loss classes and functions
    metric_objects: frozenset[int]
    to_json: Any
    get_compile_config: Any
    get_weights: Any
    compile_records: tuple[type, type, type, type]  # SerializableDict, CompileLoss, CompileMetrics, LossScaleOptimizer
    activation_objects: frozenset[int]  # ids of Keras' and TensorFlow's own functions, usable as activations
    flatten_layers: Any  # Layer._flatten_layers
    weights: Any  # the Layer.weights property's getter
    sequential: type
    sequential_layers: Any  # the Sequential.layers property's getter
    input_layer: type
    variable: type
    known_types: frozenset[int]  # ids of every class alive before the student's code
    known_code: frozenset[int]  # ids of the code of every function alive then (see grader.exporter)
    # Each Keras or TensorFlow function usable as an activation, loss or metric, with its names
    # then: a function is exported by name, and its __name__ lives where no dict records it.
    function_names: tuple[tuple[Any, str, str, str], ...]
    # What Keras uses to build and check a graph, and to build the losses and metrics compile() was
    # given: the integrity checks derive these again and compare.
    map_graph: Any
    flatten: Any  # keras.tree.flatten
    keras_tensor: type
    keras_history: type
    symbolic_arguments: type
    get_loss: Any  # compile_utils.get_loss / get_metric: a name or function to the object built
    get_metric: Any
    loss_entry: type  # CompileLoss.Loss, the namedtuple of each built loss
    # Keras' global settings (keras.config: floatx, epsilon, the step and epoch caps) as they were:
    # the module and (name, value) pairs. They change how every model computes and trains.
    settings: tuple[Any, tuple[tuple[str, Any], ...]]

    @classmethod
    def capture(cls, known_code: frozenset[int] = frozenset()) -> KerasOwn:
        import keras
        from keras.src.models.functional import Functional
        from keras.src.optimizers.loss_scale_optimizer import LossScaleOptimizer
        from keras.src.saving.serialization_lib import SerializableDict
        from keras.src import tree
        from keras.src.backend import config as backend_config
        from keras.src.backend import KerasTensor
        from keras.src.ops.function import map_graph
        from keras.src.ops.node import KerasHistory
        from keras.src.ops.symbolic_arguments import SymbolicArguments
        from keras.src.trainers.compile_utils import CompileLoss, CompileMetrics, get_loss, get_metric

        def members(module: Any) -> list[Any]:
            return [value for value in vars(module).values() if isinstance(value, type) or callable(value)]

        import tensorflow as tf

        models = frozenset(map(id, (keras.Model, keras.Sequential, Functional)))
        functions = [keras.activations, keras.ops, tf.nn, tf.math, sys.modules["keras.src.activations.activations"]]
        return cls(
            model_base=keras.Model,
            model_classes=models,
            layer_classes=frozenset(id(v) for v in members(keras.layers) if isinstance(v, type)) | models,
            optimizer_classes=frozenset(id(v) for v in members(keras.optimizers) if isinstance(v, type)),
            loss_objects=frozenset(id(v) for v in members(keras.losses)),
            metric_objects=frozenset(id(v) for v in members(keras.metrics)),
            to_json=keras.Model.to_json,
            get_compile_config=keras.Model.get_compile_config,
            get_weights=keras.Model.get_weights,
            compile_records=(SerializableDict, CompileLoss, CompileMetrics, LossScaleOptimizer),
            activation_objects=frozenset(id(v) for module in functions for v in members(module) if callable(v)),
            flatten_layers=keras.Layer._flatten_layers,
            weights=keras.Layer.weights.fget,
            sequential=keras.Sequential,
            sequential_layers=keras.Sequential.layers.fget,
            input_layer=keras.layers.InputLayer,
            variable=keras.Variable,
            known_types=frozenset(map(id, fingerprint.all_classes())),
            known_code=known_code,
            function_names=tuple(
                (value, value.__name__, value.__qualname__, value.__module__)
                for module in (*functions, keras.losses, keras.metrics) for value in members(module)
                if type(value) is types.FunctionType),
            map_graph=map_graph,
            flatten=tree.flatten,
            keras_tensor=KerasTensor,
            keras_history=KerasHistory,
            symbolic_arguments=SymbolicArguments,
            get_loss=get_loss,
            get_metric=get_metric,
            loss_entry=CompileLoss.Loss,
            settings=(backend_config, tuple((name, vars(backend_config)[name]) for name in GLOBAL_SETTINGS)),
        )

    def renamed(self) -> list[str]:
        """The functions whose name, qualified name or module is not what it was (C-level reads)."""
        return [f"{module}.{name}" for function, name, qualname, module in self.function_names
                if not _same_text(function.__name__, name) or not _same_text(function.__qualname__, qualname)
                or not _same_text(function.__module__, module)]

    def changed_settings(self) -> list[str]:
        """The global settings whose value is not what it was (exact types compared first)."""
        module, settings = self.settings
        now = vars(module)
        return [f"`{name.strip('_').lower()}`" for name, value in settings
                if type(now.get(name)) is not type(value) or now.get(name) != value]

    def is_model(self, value: Any) -> bool:
        """Whether ``value`` is a Keras model, asked of its real class only (no code of its own runs)."""
        return any(klass is self.model_base for klass in integrity.real_mro(type(value)))

    def is_keras(self, value: Any, allowed: frozenset[int]) -> bool:
        """A string, or a Keras function, or an instance of a Keras class (by identity only)."""
        return type(value) is str or id(value) in allowed or id(type(value)) in allowed


def _same_text(value: Any, text: str) -> bool:
    """Whether ``value`` is the string ``text``: an exact str first, so that a str subclass's own
    ``__eq__`` never runs."""
    return type(value) is str and str.__eq__(value, text)


def run_submission(chunks: list[tuple[str, str]], loaded: frozenset[int], _vars: Any = vars,
                   _local: type = threading.local) -> Any:
    """Execute ``chunks`` (label, code) in one namespace, in the child's main thread.

    Returns what ``export_submission`` needs, ``(namespace, notes, thread_state)``, or an error.
    ``loaded`` are the ids of the namespaces of the modules the worker had loaded (see
    ``_guard_functions``). ``thread_state`` is Keras' thread-local state as this thread, the
    student's, sees it (the scopes it left open), which the sender thread cannot read: read
    after the student's code has ended, of Keras' own ``threading.local`` only (a replaced one is
    refused by the fingerprint, ``keras.backend.clear_session()``'s new one aside).
    """
    keras_module = sys.modules.get(KERAS_GLOBAL_STATE)
    keras_state = _vars(keras_module) if keras_module is not None else {}
    compiled = []
    for label, code in chunks:
        try:
            compiled.append(compile(code, label, "exec"))
        except SyntaxError as exc:
            where = f"{label}, line {exc.lineno}" if exc.lineno else label
            return _error("syntax", f"Syntax error in {where}: {exc.msg}.", exc.lineno)
        except (ValueError, MemoryError, RecursionError) as exc:
            return _error("syntax", f"Python could not compile {label}: {exc}.")

    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__, "display": _display}
    labels = {label for label, _ in chunks}
    notes: list[str] = []
    _single_threaded_tensorflow()
    _guard_functions(loaded)
    os.environ[SANDBOX_MARKER] = "1"  # a notebook's own `check()` cell does nothing while it is graded
    for code in compiled:
        try:
            exec(code, namespace)
        except SystemExit as exc:
            notes.append(f"The submission called sys.exit({'' if exc.code is None else repr(exc.code)}); "
                         "the code after it did not run.")
            break
        except MemoryError:
            return _error("memory", "The submission ran out of memory.")
        except BaseException as exc:  # noqa: BLE001 - any student exception is a verdict
            if type(exc).__name__ == "ResourceExhaustedError":  # TensorFlow's out-of-memory
                return _error("memory", f"The submission ran out of memory ({_describe_exc(exc)}).")
            return _exception_error(exc, labels)
    tracker = keras_state.get("GLOBAL_STATE_TRACKER")
    return namespace, notes, _vars(tracker) if type(tracker) is _local else None


def _cleared_by_keras(name: str, _local: type = threading.local) -> bool:
    """Whether ``name`` is one of the trackers keras.backend.clear_session() replaces, and holds
    a new ``threading.local`` as that leaves it (exact type: no code of its own)."""
    if name not in CLEARED_BY_KERAS:
        return False
    module = sys.modules.get(KERAS_GLOBAL_STATE)
    return module is not None and type(vars(module).get(name.rsplit(".", 1)[1])) is _local


def export_submission(ran: Any, views: Any, before: fingerprint.Fingerprint, model_variable: str,
                      keras_own: KerasOwn, exports: tuple[str, ...] = (), weights: bool = False,
                      _tampered: Any = fingerprint.tampered, _changed: Any = heap.changed,
                      _foreign_state: Any = integrity.foreign_state, _error: Any = _error) -> dict[str, Any]:
    """Export, as plain data, the model that ``run_submission`` left behind: in the sender thread.

    First, with only names bound here, whether the submission changed code anywhere in
    Python (``grader.fingerprint``, with the ``views`` the sender claimed): once it has not,
    the code the export runs is the code the worker loaded. ``ran`` passed through the
    student's hands, so only its shape is relied on: an error passes on as an error (the
    worker checks its kind), and a namespace is searched for a Keras model.

    Then, what the submission left in any container that existed before it ran
    (``grader.heap``): no C-level callable may wait there for the export to call it.
    """
    record = before[fingerprint.HEAP]
    try:
        changed = [name for name in _tampered(before, views) if not _cleared_by_keras(name)]
        if not changed:
            kind, message = _foreign_state(_changed(record, views[1]), keras_own, record[heap.KNOWN])
    except BaseException:  # noqa: BLE001 - works for any code that leaves Python intact
        return _error("tampered", "The grader's own checks failed after the submission ran: it seems to "
                      f"have modified Python or Keras. {TAMPERED_ADVICE}")
    if changed:
        shown = ", ".join(f"`{name}`" for name in sorted(changed)[:3])
        return _error("tampered", f"The submission replaced {shown}" + (" and more" if len(changed) > 3 else "")
                      + f". {TAMPERED_ADVICE}")
    if kind:
        return _error("tampered", f"The submission changed state that Python or Keras keeps: {message} "
                      f"{TAMPERED_ADVICE}")
    renamed = keras_own.renamed()
    if renamed:
        return _error("tampered", f"The submission renamed `{renamed[0]}`: Keras saves a function by its name, so "
                      f"the grader would see another function. {TAMPERED_ADVICE}")
    if type(ran) is dict and "error" in ran:
        return {"error": ran["error"]}
    if not (type(ran) is tuple and len(ran) == 3 and type(ran[0]) is dict and type(ran[1]) is list
            and type(ran[2]) is dict):
        return _error("tampered", f"The submission interfered with the grader's handover of its model. "
                      f"{TAMPERED_ADVICE}")
    namespace, notes, thread_state = ran
    # Only names that are exact strings: looking up a name compares it with keys of the same
    # hash, and a key of a str subclass of the student's would run its __eq__ here.
    namespace = {name: value for name, value in namespace.items() if type(name) is str}
    notes = [note for note in notes if type(note) is str]
    try:
        result = _export(namespace, model_variable, notes, keras_own, record[heap.KNOWN], thread_state)
        if "model" in result:
            result["exports"] = {name: _plain(namespace.get(name)) for name in exports}
            if weights:
                model = namespace.get(result["model"]["variable"])
                result["model"]["weights"] = [w.tolist() for w in keras_own.get_weights(model)]
        return result
    except BaseException as exc:  # noqa: BLE001
        return _error("unsupported_model", f"The model could not be exported for grading: {_describe_exc(exc)}.")


def weight_state(weight: Any) -> list[Any]:
    """What decides how a weight trains, beyond its shape: trainable, hooks the optimizer applies,
    and its dtype. The describer compares the rebuilt model's with the student's, which its config
    may not record (a dtype policy's name edited away from the dtypes it computes with)."""
    dtype = weight.dtype
    return [bool(weight.trainable), weight.regularizer is not None, weight.constraint is not None,
            bool(getattr(weight, "overwrite_with_gradient", False)), dtype if type(dtype) is str else repr(dtype)]


# A layer's fields that record where it sits or what it has done (they differ between a model
# that ran and the same model just rebuilt), and the lists that track its variables and
# sublayers (its weights are compared one by one).
LAYER_BOOKKEEPING = frozenset({
    "built", "_called", "_lock", "_path", "_parent_path", "_build_shapes_dict", "_saved_model_inputs_spec",
    "_saved_model_arg_spec", "_layers", "_metrics", "_trainable_variables", "_non_trainable_variables",
    "_seed_generators", "_tracker", "_input_shape_arg", "_auto_config",
    "_build_input_shape",  # Normalization's, set by adapt() and read to validate later shapes only
})


# Flags a layer reads with a default of False, which loading weights sets to False (Dense and
# EinsumDense: whether quantized weights were calibrated), so False is the same as absent.
UNSET_WHEN_FALSE = ("is_gptq_calibrated", "is_awq_calibrated")


# The fields of a model itself that decide how it calls its graph (the rest is compile and fit state).
MODEL_FIELDS = frozenset({"autocast", "_convert_input_args", "_allow_non_tensor_positional_args",
                          "_call_has_training_arg", "_call_has_mask_arg", "_supports_masking", "_trainable",
                          "_remat_mode", "supports_jit", "_dtype_policy", "_resolved_dtypes"})


def layer_state(layer: Any, is_model: bool = False) -> dict[str, Any]:
    """A layer's own plain fields (numbers, strings, flags, tuples of them) and its dtype policy's.
    Keras reads them as the layer computes (``_call_has_training_arg`` decides whether Dropout
    ever drops, a policy's ``_compute_dtype`` the precision), and a layer rebuilt from its config
    has them all as the config says: the describer compares the rebuilt model's with these."""
    def plain_fields(obj: Any) -> dict[str, Any]:
        fields = {}
        for name, value in obj.items():
            if type(name) is str and not name.startswith("_self_") and name not in LAYER_BOOKKEEPING:
                plain = _plain(value)
                if plain is not None or value is None:
                    fields[name] = plain
        return fields

    state = plain_fields(vars(layer))
    for name in UNSET_WHEN_FALSE:
        if state.get(name) is False:
            del state[name]
    policy = integrity.instance_dict(vars(layer).get("_dtype_policy"))
    if policy:
        state["_dtype_policy"] = plain_fields(policy)
    try:  # what the layer computes and keeps its weights in, as Keras resolves it (a policy map by path)
        state["_resolved_dtypes"] = [_plain(layer.compute_dtype), _plain(layer.variable_dtype)]
    except Exception:  # noqa: BLE001 - the same on both sides, compared like any value
        state["_resolved_dtypes"] = "unresolved"
    return {name: value for name, value in state.items() if name in MODEL_FIELDS} if is_model else state


def model_layer_states(model: Any) -> list[dict[str, Any]]:
    """``layer_state`` of a trusted model (the rebuilt one) and of each layer in it, nested models
    included, input layers left out: what the export sends for the student's, in the same order."""
    import keras

    return [layer_state(layer, isinstance(layer, keras.Model))
            for layer in model._flatten_layers(include_self=True, recursive=True)
            if type(layer) is not keras.layers.InputLayer]


def _export(namespace: dict[str, Any], model_variable: str, notes: list[str], own: KerasOwn,
            known: frozenset[int], thread_state: dict[Any, Any]) -> dict[str, Any]:
    candidate = namespace.get(model_variable)
    if own.is_model(candidate):
        variable, model = model_variable, candidate
    else:
        found = _models_in(namespace, own)
        if len(found) != 1:
            exited = any("sys.exit" in note for note in notes)
            return _error("exited" if exited and not found else "no_model",
                          _no_model_message(model_variable, candidate, found) +
                          (" " + notes[0] if exited else ""))
        variable, model = found[0]
        notes.append(f"There is no Keras model called `{model_variable}`; graded `{variable}`, "
                     f"the only model in the file. Name it `{model_variable}` to be sure.")
    foreign = _foreign_classes(model, own)
    if foreign:
        return _error("unsupported_model",
                      f"`{variable}` uses {foreign}, a class of your own rather than Keras' own. The grader only "
                      "grades models built from standard Keras classes (keras.Sequential or a functional "
                      "keras.Model, with keras.layers), because a custom class can report anything about itself.")
    changed = own.changed_settings()
    if changed:
        return _error("unsupported_model",
                      f"The submission changes Keras' global settings ({', '.join(changed)}), for instance with "
                      "keras.config.set_floatx() or set_max_steps_per_epoch(). They change how every layer and loss "
                      "computes and how fit() trains, and the grader grades models under Keras' defaults. Remove "
                      "those calls (set a dtype on the layers instead).")
    compiled = vars(model).get("compiled") is True
    unfaithful = _error("tampered", f"The compile settings Keras recorded for `{variable}` are not the optimizer, "
                        "loss and metrics it would train with (were `_compile_config`, `optimizer`, `_compile_loss`, "
                        "`_compile_metrics` or the losses and metrics fit() or evaluate() built from them changed "
                        "after compile()?). Call compile() with the settings "
                        f"you want instead. {TAMPERED_ADVICE}")
    if compiled and type(vars(model).get("_compile_config")) is not own.compile_records[0]:
        return unfaithful
    kind, message = integrity.foreign_object(model, own, _custom_compile_objects(model, own), known)
    if kind:
        return _error(kind, f"`{variable}` cannot be graded: {message}" +
                      (f" {TAMPERED_ADVICE}" if kind == "tampered" else ""))
    untrustworthy = integrity.problem(model, own)
    if type(untrustworthy) is integrity.Unsupported:
        return _error("unsupported_model", f"`{variable}` cannot be graded: {untrustworthy}.")
    if untrustworthy:
        return _error("tampered", f"`{variable}` cannot be graded from its description: {untrustworthy}. "
                      f"{TAMPERED_ADVICE}")
    if compiled and not integrity.compile_record_is_faithful(model, own):
        return unfaithful
    try:
        config = json.loads(_to_json_without_compile_config(model, own))
    except BaseException as exc:  # noqa: BLE001
        return _error("unsupported_model",
                      f"`{variable}` could not be saved as a Keras config ({_describe_exc(exc)}). "
                      "The grader rebuilds your model from its config, so it must be made of standard Keras layers.")
    try:  # what the layers really hold, which the describer checks the rebuilt model against
        weights = own.weights(model)
        weight_shapes = [[int(size) for size in weight.shape] for weight in weights]
        state = [weight_state(weight) for weight in weights]
        values = [integrity.weight_values(weight) for weight in weights]
        layer_states = [layer_state(layer, id(type(layer)) in own.model_classes)
                        for layer in own.flatten_layers(model, include_self=True, recursive=True)
                        if type(layer) is not own.input_layer]
    except BaseException as exc:  # noqa: BLE001
        return _error("unsupported_model", f"`{variable}`'s weights could not be read ({_describe_exc(exc)}).")
    compile_config = None
    if compiled:
        try:
            compile_config = json.loads(json.dumps(_compile_config(model, own), default=repr))
        except BaseException as exc:  # noqa: BLE001
            return _error("unsupported_model", f"The compile settings could not be exported ({_describe_exc(exc)}).")
        if not integrity.compile_record_is_faithful(model, own):  # still, after Keras' code ran on it
            return unfaithful
    scopes = _open_scopes(thread_state)
    if scopes:
        return _error("unsupported_model",
                      f"The submission leaves Keras scopes open ({', '.join(scopes)}), for instance by entering "
                      "an autocast or stateless scope without leaving it. They change how every layer, variable and "
                      "optimizer computes in the student's code from then on, and the grader grades models outside "
                      "any scope. Use `with` blocks, which close them.")
    if _compiled_with_own_code(model, own) and any(vars(model).get(attribute) is not None
                                                   for attribute, *_ in traces.STEPS):
        return _error("unsupported_model",
                      f"`{variable}` was compiled with a loss, metric or optimizer of your own and then used by "
                      "fit(), evaluate() or predict() in the file. The grader checks that the step those cached on "
                      "the model is still what the model makes by tracing it again, and that would run your own "
                      "code where the grade is decided. Remove those calls from the file, or compile with Keras' "
                      "own losses and metrics.")
    stale = traces.stale_step(model)  # last: it traces the model's steps again with Keras' code
    if stale and type(stale) is not traces.Retraced:
        return _error("tampered", f"`{variable}` cannot be graded from its description: {stale}. {TAMPERED_ADVICE}")
    if stale:
        return _error("unsupported_model",
                      f"`{variable}` cannot be graded as it is: {stale}. Keras keeps running a traced step after "
                      "the settings it was traced with change (a layer's `trainable` flag, the optimizer's "
                      "arguments, the loss), so fit() would train another model than the one described. Call "
                      "compile() again after changing such settings: it makes a new step.")
    return {
        "model": {
            "variable": variable,
            "config": config,
            "weight_shapes": weight_shapes,
            "weight_state": state,
            "weight_values": values,
            "layer_state": layer_states,
            "compiled": compiled,
            "compile_config": compile_config,
        },
        "notes": notes,
    }


def _to_json_without_compile_config(model: Any, own: KerasOwn) -> str:
    """The model's Keras JSON, leaving out its compile settings: serialising those would call
    ``get_config`` on an optimizer, loss or metric of the student's own class (``_compile_config``)."""
    state = vars(model)
    record = state.pop("_compile_config", None)
    try:
        return own.to_json(model)
    finally:
        if record is not None:
            state["_compile_config"] = record


def _compile_config(model: Any, own: KerasOwn) -> Any:
    """The compile settings, serialised by Keras, with each optimizer, loss or metric of the
    student's own class replaced beforehand by a 'custom:' marker: never rebuilt as the Keras
    class it may imitate, and its methods never called."""
    record_type = own.compile_records[0]
    settings = dict(vars(model)["_compile_config"].config)  # its type was checked (compile_record_is_faithful)
    custom = _custom_compile_objects(model, own)

    def marked(item: Any) -> Any:
        return CUSTOM_PREFIX + _name_of(item) if id(item) in custom else item

    if "optimizer" in settings:
        settings["optimizer"] = marked(settings["optimizer"])
    loss = settings.get("loss")
    if type(loss) is dict:  # one loss per output, by name or position: each is marked on its own
        settings["loss"] = {key: marked(item) for key, item in loss.items()}
    elif type(loss) is list or type(loss) is tuple:
        settings["loss"] = [marked(item) for item in loss]
    elif "loss" in settings:
        settings["loss"] = marked(loss)
    metrics = settings.get("metrics")
    if type(metrics) is list or type(metrics) is tuple:
        settings["metrics"] = [marked(metric) for metric in metrics]
    serialized = record_type(**settings).serialize()
    if "loss" in serialized:
        serialized["loss"] = _with_loss_dtypes(serialized["loss"], settings.get("loss"), own)
    return serialized


def _with_loss_dtypes(serialized: Any, loss: Any, own: KerasOwn) -> Any:
    """``serialized`` (Keras' serialisation of compile()'s ``loss``) with the dtype policy of each
    loss object of Keras' own, which its config leaves out (``integrity.full_config``)."""
    if (type(loss) is list or type(loss) is tuple) and type(serialized) is list and len(serialized) == len(loss):
        return [_with_loss_dtypes(item, part, own) for item, part in zip(serialized, loss)]
    if type(loss) is dict and type(serialized) is dict and serialized.keys() == loss.keys():
        return {key: _with_loss_dtypes(serialized[key], loss[key], own) for key in loss}
    if id(type(loss)) in own.loss_objects and type(serialized) is dict and type(serialized.get("config")) is dict:
        return {**serialized, "config": {**serialized["config"], "dtype": integrity.policy_name(loss)}}
    return serialized


def _custom_compile_objects(model: Any, own: KerasOwn) -> frozenset[int]:
    """Ids of the optimizer, loss and metrics given to compile() that are of the student's own
    classes (or functions): the export marks them as custom and never calls them."""
    record = vars(model).get("_compile_config")
    settings = vars(record).get("config") if type(record) is own.compile_records[0] else None
    if type(settings) is not dict:
        return frozenset()
    custom = []
    optimizer = settings.get("optimizer")
    if optimizer is not None and type(optimizer) is not str and id(type(optimizer)) not in own.optimizer_classes:
        custom.append(optimizer)
    loss = settings.get("loss")
    losses = list(loss.values()) if type(loss) is dict else list(loss) if type(loss) in (list, tuple) else [loss]
    custom += [item for item in losses if item is not None and not own.is_keras(item, own.loss_objects)]
    metrics = settings.get("metrics")
    if type(metrics) is list or type(metrics) is tuple:
        custom += [metric for metric in metrics if not own.is_keras(metric, own.metric_objects)]
    return frozenset(map(id, custom))


def _open_scopes(thread_state: dict[Any, Any]) -> list[str]:
    """The Keras scopes the student's thread left open: its thread-local state beyond names,
    defaults for new objects and the random seed, unless unset (None or empty)."""
    return [f"`{name}`" if type(name) is str else "?" for name, value in list(thread_state.items())
            if not (type(name) is str and (name in THREAD_STATE_KEPT or name.startswith(THREAD_STATE_KEPT_PREFIX)))
            and value is not None
            and not (type(value) in (list, dict, tuple) and not value)]


def _compiled_with_own_code(model: Any, own: KerasOwn) -> bool:
    """Whether compile() was given an optimizer, loss or metric of the student's own anywhere in
    its structures (dicts and lists of them included): tracing the model's steps would run it."""
    record = vars(model).get("_compile_config")
    settings = vars(record).get("config") if type(record) is own.compile_records[0] else None
    if type(settings) is not dict:
        return False
    optimizer = settings.get("optimizer")
    if optimizer is not None and type(optimizer) is not str and id(type(optimizer)) not in own.optimizer_classes:
        return True
    return not all(own.is_keras(item, own.loss_objects) or own.is_keras(item, own.metric_objects)
                   for key in ("loss", "metrics", "weighted_metrics") for item in integrity._items(settings.get(key)))


def _plain(value: Any, depth: int = 0) -> Any:
    """``value`` if it is plain JSON data (tuples become lists), else None: nothing else leaves.
    Types are checked exactly, before anything is encoded, so no method of the student's runs;
    integers beyond 64 bits too (Python refuses to write one of more than 4,300 digits)."""
    kind = type(value)
    if kind is int:
        return value if -(2**63) <= value < 2**63 else None
    if value is None or kind is bool or kind is str:
        return value
    if kind is float:
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if depth > 20:
        return None
    if kind is list or kind is tuple:
        items = [_plain(item, depth + 1) for item in value]
        return None if any(item is None and original is not None for item, original in zip(items, value)) else items
    if kind is dict and all(type(key) is str for key in value):
        items = {key: _plain(item, depth + 1) for key, item in value.items()}
        return None if any(items[key] is None and value[key] is not None for key in value) else items
    return None


def _foreign_classes(model: Any, own: KerasOwn) -> str:
    """The first model or layer class that is not Keras' own, described, or ''."""
    if id(type(model)) not in own.model_classes:
        return f"the model class `{integrity.real_name(type(model))}`"
    for layer in model.layers:  # the model's class is Keras' own: so is this property
        if id(type(layer)) not in own.layer_classes:
            return f"the layer class `{integrity.real_name(type(layer))}`"
    return ""


def _name_of(obj: Any) -> str:
    """A function's name, or the name of an object's real class: no code of the student's runs."""
    return obj.__name__ if type(obj) is types.FunctionType else integrity.real_name(type(obj))


def _models_in(namespace: dict[str, Any], own: KerasOwn) -> list[tuple[str, Any]]:
    seen: set[int] = set()
    found = []
    for name, value in namespace.items():
        if type(name) is str and not name.startswith("_") and own.is_model(value) and id(value) not in seen:
            seen.add(id(value))
            found.append((name, value))
    return found


def _no_model_message(model_variable: str, candidate: Any, found: list[tuple[str, Any]]) -> str:
    if found:
        names = ", ".join(f"`{name}`" for name, _ in found)
        return (f"Found {len(found)} Keras models ({names}) and none is called `{model_variable}`, "
                f"so the grader cannot tell which one to grade. Name yours `{model_variable}`.")
    if candidate is not None:
        return (f"`{model_variable}` is a {integrity.real_name(type(candidate))}, not a Keras model. "
                f"Assign the model itself, e.g. `{model_variable} = keras.Sequential([...])`.")
    return (f"No Keras model found: the exercise expects a variable called `{model_variable}` "
            "holding your model, and the file defines none.")


def _exception_error(exc: BaseException, labels: set[str]) -> dict[str, Any]:
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename in labels]
    where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    shown = "".join(traceback.format_list(frames[-3:])) if frames else ""
    message = f"The submission raised {_describe_exc(exc)}{where}."
    if shown:
        message += "\n" + shown.rstrip()
    return _error("exception", message, frames[-1].lineno if frames else None)


def _describe_exc(exc: BaseException) -> str:
    try:
        text = str(exc).strip().splitlines()
    except BaseException:  # noqa: BLE001 - a student's __str__ may itself raise
        text = []
    return f"{type(exc).__name__}: {text[0][:300]}" if text else type(exc).__name__


def _guard_functions(loaded: frozenset[int]) -> None:
    """From now on in this process, refuse to change the code or defaults of any function defined
    in a module loaded before the submission (Keras, the standard library, the grader), and
    refuse new audit hooks.

    Swapping ``__code__`` or ``__defaults__`` changes what a method does without changing any
    class or module, so the fingerprint cannot see it; Python announces it to audit hooks, which
    no Python code can remove. An audit hook of the submission's would run in every thread,
    the sender's included, where no profile function sees it (``grader.exporter``); refusing
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
