"""Runs inside the sandboxed child, in its sender thread: export the model the student's code left
(``grader.child.run``) as plain data.

Everything this module returns is produced in a process the student controls, so the worker
treats it as untrusted: it is only ever parsed as JSON, and the spec that is graded is rebuilt
from it elsewhere (``grader.describer.describe``).

The export (``export_submission``, in the child's sender thread) is the grading path: the model's
Keras JSON, its compile settings, its weights' shapes and values, through Keras' public API
(``to_json``, ``get_config``, ``keras.saving``, ``Layer.weights``). Around it, the integrity
detectors (``grader.integrity``) look for evidence that the description and the model disagree;
they read Keras' internals, each from what it found at worker start, and none can stop the
export except the two that guard the sender itself (``keras-code``, ``planted-callable``).

Runs in: the sandboxed child, next to student code; its names are bound in the worker before any student code exists.
"""

from __future__ import annotations

import json
import types
from typing import Any, NamedTuple

from grader.child import containers, fingerprint
from grader.child.run import describe_exception, error_answer
from grader.contract.markers import CUSTOM_PREFIX
from grader.integrity import DETECTORS, ModelContext, Probed, Skipped
from grader.integrity.common import (
    compile_settings,
    instance_dict,
    plain_json,
    real_name,
)
from grader.integrity.keras_code import cleared_by_keras
from grader.integrity.planted import PlantedCallable
from grader.introspect import class_dict, real_mro

TAMPERED_ADVICE = ("Submissions may not modify Keras, Python's built-ins or the grader, so this one is not "
                   "graded. Build and compile the model with the ordinary Keras API.")


class KerasOwn(NamedTuple):
    """Keras' own classes and methods, captured through its public API before the student's code runs.

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
    get_weights: Any
    weights: Any  # the Layer.weights property's getter
    layers: Any  # the Model.layers property's getter (Sequential's overrides it)
    sequential: type
    sequential_layers: Any
    input_layer: type
    loss_scale_optimizer: type
    serialize: Any  # keras.saving.serialize_keras_object
    known_types: frozenset[int]  # ids of every class alive before the student's code
    known_code: frozenset[int]  # ids of the code of every function alive then (see grader.child.sender)

    @classmethod
    def capture(cls, known_code: frozenset[int] = frozenset()) -> KerasOwn:
        import keras

        from grader.integrity.common import keras_model_classes

        def members(module: Any) -> list[Any]:
            return [value for value in vars(module).values() if isinstance(value, type) or callable(value)]

        models = frozenset(map(id, keras_model_classes(keras.Model)))
        return cls(
            model_base=keras.Model,
            model_classes=models,
            layer_classes=frozenset(id(v) for v in members(keras.layers) if isinstance(v, type)) | models,
            optimizer_classes=frozenset(id(v) for v in members(keras.optimizers) if isinstance(v, type)),
            loss_objects=frozenset(id(v) for v in members(keras.losses)),
            metric_objects=frozenset(id(v) for v in members(keras.metrics)),
            to_json=keras.Model.to_json,
            get_weights=keras.Model.get_weights,
            weights=keras.Layer.weights.fget,
            layers=keras.Model.layers.fget,
            sequential=keras.Sequential,
            sequential_layers=keras.Sequential.layers.fget,
            input_layer=keras.layers.InputLayer,
            loss_scale_optimizer=keras.optimizers.LossScaleOptimizer,
            serialize=keras.saving.serialize_keras_object,
            known_types=frozenset(map(id, fingerprint.all_classes())),
            known_code=known_code,
        )

    def is_model(self, value: Any) -> bool:
        """Whether ``value`` is a Keras model, asked of its real class only (no code of its own runs)."""
        return any(klass is self.model_base for klass in real_mro(type(value)))

    def is_keras(self, value: Any, allowed: frozenset[int]) -> bool:
        """A string, or a Keras function, or an instance of a Keras class (by identity only)."""
        return type(value) is str or id(value) in allowed or id(type(value)) in allowed

    def model_layers(self, model: Any) -> list[Any]:
        """A model's layers, nested models' included, through its public ``layers`` property."""
        found = []
        for layer in (self.sequential_layers if type(model) is self.sequential else self.layers)(model):
            if type(layer) is self.input_layer:
                continue
            found.append(layer)
            if id(type(layer)) in self.model_classes:
                found += self.model_layers(layer)
        return found


class ExportRequest(NamedTuple):
    """What the sender needs for one submission, bound in the worker before the student's code runs."""

    model_variable: str
    exports: tuple[str, ...] = ()  # variables besides the model to send as plain data (quiz answers)
    weights: bool = False  # send the trained weights (the exercise measures them)
    refuse: frozenset[str] = frozenset()  # detectors whose evidence the course refuses (stops the export)
    probed: tuple[Probed, ...] = ()  # each detector's kit, or why it is off


def export_submission(ran: Any, views: Any, before: fingerprint.Fingerprint, request: ExportRequest,
                      keras_own: KerasOwn, training_start: Any = None, _changes: Any = fingerprint.changes,
                      _restore: Any = fingerprint.restore, _cleared: Any = cleared_by_keras, _list: type = list,
                      error_answer: Any = error_answer) -> dict[str, Any]:
    """Export, as plain data, the model that ``run_submission`` left behind: in the sender thread.

    First, with only names bound here, what the submission changed in Python's and Keras'
    namespaces (``grader.child.fingerprint``, with the ``views`` the sender claimed), and every change
    put back, so that from then on the export (and this module's own code) runs the code the
    worker loaded. Keras' own code replaced is ``keras-code`` evidence, and the export stops if
    the course refuses it. Then what the submission left in any container that existed before it
    ran (``grader.child.containers``): no C-level callable may wait there for the export to call it. ``ran``
    passed through the student's hands, so only its shape is relied on: an error passes on as an
    error (the worker checks its kind), and a namespace is searched for a Keras model.
    """
    try:
        found = _changes(before, views)
        _restore(before, _list(change for change in found if not _cleared(change.label)))
    except BaseException:  # noqa: BLE001 - works for any code that leaves Python intact
        return {**error_answer("tampered", "The grader's own checks failed after the submission ran: it seems to have "
                         f"modified Python or Keras. {TAMPERED_ADVICE}"),
                "findings": [{"kind": "keras-code", "evidence": "the grader's own checks failed after the submission "
                              "ran"}]}
    record = before[fingerprint.CONTAINERS]
    findings: list[dict[str, str]] = []
    probed = {found.id: found for found in request.probed}
    code = probed.get("keras-code")
    if code is not None and not code.off:
        findings += [{"kind": "keras-code", "evidence": evidence}
                     for evidence in DETECTORS["keras-code"].inspect(found, code.kit)]
    if any(change.label.endswith("<a member not named by a string>") for change in found):
        findings.append({"kind": "planted-callable", "evidence": "the submission gave a namespace a member not named "
                         "by a string, whose comparisons would run its own code"})
    if not _stops(findings, request):
        findings += [{"kind": "planted-callable", "evidence": evidence} for evidence in PlantedCallable.inspect(
            (containers.changed(record, views[1]), record[containers.KNOWN], keras_own.known_types), None)]
    if _stops(findings, request):
        return {**_refusal(findings, request), "findings": findings}
    if type(ran) is dict and "error" in ran:
        return {"error": ran["error"], "findings": findings}
    if not (type(ran) is tuple and len(ran) == 3 and type(ran[0]) is dict and type(ran[1]) is list
            and (type(ran[2]) is dict or ran[2] is None)):
        return error_answer("tampered", f"The submission interfered with the grader's handover of its model. "
                      f"{TAMPERED_ADVICE}")
    namespace, notes, thread_state = ran
    # Only names that are exact strings: looking up a name compares it with keys of the same
    # hash, and a key of a str subclass of the student's would run its __eq__ here.
    namespace = {name: value for name, value in namespace.items() if type(name) is str}
    notes = [note for note in notes if type(note) is str]
    try:
        result = _export(namespace, request, notes, keras_own, record[containers.KNOWN], thread_state, training_start,
                         findings)
        if "model" in result:
            result["exports"] = {name: plain_json(namespace.get(name), numpy=True) for name in request.exports}
            if request.weights:
                model = namespace.get(result["model"]["variable"])
                result["model"]["weights"] = [w.tolist() for w in keras_own.get_weights(model)]
        if _stops(findings, request):
            return {**_refusal(findings, request), "findings": findings}
        return {**result, "findings": findings}
    except BaseException as exc:  # noqa: BLE001
        return {**error_answer("unsupported_model", f"The model could not be exported for grading: {describe_exception(exc)}."),
                "findings": findings}


def _stops(findings: list[dict[str, str]], request: ExportRequest) -> bool:
    """Whether a finding is one the course refuses (a planted callable always is)."""
    return any(finding["kind"] in request.refuse or finding["kind"] == "planted-callable" for finding in findings)


def _refusal(findings: list[dict[str, str]], request: ExportRequest) -> dict[str, Any]:
    first = next(finding for finding in findings
                 if finding["kind"] in request.refuse or finding["kind"] == "planted-callable")
    return error_answer("tampered", f"This submission was not graded: {first['evidence']}. {TAMPERED_ADVICE}")


def _export(namespace: dict[str, Any], request: ExportRequest, notes: list[str], own: KerasOwn,
            known: frozenset[int], thread_state: Any, training_start: Any,
            findings: list[dict[str, str]]) -> dict[str, Any]:
    model_variable = request.model_variable
    candidate = namespace.get(model_variable)
    if own.is_model(candidate):
        variable, model = model_variable, candidate
    else:
        found = _models_in(namespace, own)
        if len(found) != 1:
            exited = any("sys.exit" in note for note in notes)
            return error_answer("exited" if exited and not found else "no_model",
                          _no_model_message(model_variable, candidate, found, namespace) +
                          (" " + notes[0] if exited else ""))
        variable, model = found[0]
        notes.append(f"There is no Keras model called `{model_variable}`; graded `{variable}`, "
                     f"the only model in the file. Name it `{model_variable}` to be sure.")
    foreign = _foreign_classes(model, own)
    if foreign:
        return error_answer("unsupported_model",
                      f"`{variable}` uses {foreign}, a class of your own rather than Keras' own. The grader only "
                      "grades models built from standard Keras classes (keras.Sequential or a functional "
                      "keras.Model, with keras.layers), because a custom class can report anything about itself.")
    custom = _custom_compile_objects(model, own)
    hidden: list[tuple[Any, str]] = []
    planted = PlantedCallable.inspect_model(model, known, own.known_types, custom, hidden)
    if planted:
        findings += [{"kind": "planted-callable", "evidence": evidence} for evidence in planted]
        return {}
    for obj, name in hidden:  # described by its class's code: the attribute is reported (model-methods)
        instance_dict(obj).pop(name, None)
    compiled = instance_dict(model).get("compiled") is True
    try:
        config = json.loads(_to_json_without_compile_config(model, own))
    except BaseException as exc:  # noqa: BLE001
        return error_answer("unsupported_model",
                      f"`{variable}` could not be saved as a Keras config ({describe_exception(exc)}). "
                      "The grader rebuilds your model from its config, so it must be made of standard Keras layers.")
    try:  # what the layers really hold: facts about their values the config cannot record
        weights = own.weights(model)
        values = [weight_values(weight) for weight in weights]
        preprocessing = _preprocessing_state(model, own)
    except BaseException as exc:  # noqa: BLE001
        return error_answer("unsupported_model", f"`{variable}`'s weights could not be read ({describe_exception(exc)}).")
    compile_config = None
    if compiled:
        try:
            compile_config = json.loads(json.dumps(_compile_config(model, own, custom, training_start, notes),
                                                   default=repr))
        except BaseException as exc:  # noqa: BLE001
            return error_answer("unsupported_model", f"The compile settings could not be exported ({describe_exception(exc)}).")
    context = ModelContext(model, variable, own, known, custom, thread_state, tuple(hidden))
    collected = _inspect(context, request, findings, notes)
    return {
        "model": {
            "variable": variable,
            "config": config,
            "weight_values": values,
            "preprocessing": preprocessing,
            "compiled": compiled,
            "compile_config": compile_config,
            "integrity": collected,
        },
        "notes": notes,
    }


def _inspect(context: ModelContext, request: ExportRequest, findings: list[dict[str, str]],
             notes: list[str]) -> dict[str, Any]:
    """Run every model-stage detector that is on, adding its evidence to ``findings``; a detector
    that cannot look at this submission, or fails on it, leaves a note instead. Returns what the
    describer-stage detectors collected for the describer."""
    collected: dict[str, Any] = {}
    for found in request.probed:
        detector = DETECTORS.get(found.id)
        if detector is None or found.off or detector.stage == "gate":
            continue
        try:
            if detector.stage == "describer":
                collected[found.id] = detector.collect(context, found.kit)  # type: ignore[attr-defined]
                continue
            findings += [{"kind": found.id, "evidence": evidence} for evidence in detector.inspect(context, found.kit)]
        except Skipped as exc:
            notes.append(f"Integrity check `{found.id}` did not look at this submission: {exc.args[0]}.")
        except Exception as exc:  # noqa: BLE001 - a detector never stops grading
            notes.append(f"Integrity check `{found.id}` could not run on this submission ({describe_exception(exc)}).")
    return collected


def _preprocessing_state(model: Any, own: KerasOwn) -> list[dict[str, Any]]:
    """The state ``adapt()`` left in the model's preprocessing layers (``Normalization``'s mean and
    variance), which no config records: each such layer's position in ``KerasOwn.model_layers``
    and its weights. A layer is such a layer when its class has ``finalize_state``, which Keras
    calls to make that state the one the layer computes with."""
    found = []
    for index, layer in enumerate(own.model_layers(model)):
        if any("finalize_state" in class_dict(klass) for klass in real_mro(type(layer))):
            found.append({"layer": index, "weights": [weight.numpy().tolist() for weight in own.weights(layer)]})
    return found


def weight_values(variable: Any) -> list[bool]:
    """What a weight's value says about whether the model can learn, and nothing else of it is
    graded: ``[finite, same_units]``, whether every element is finite, and whether it has two or
    more units (its last axis) that all hold the same numbers, as a constant initializer leaves
    them. Read through Keras' public ``numpy()``."""
    import numpy

    value = numpy.asarray(variable.numpy())
    if not numpy.issubdtype(value.dtype, numpy.floating):
        return [True, False]
    finite = bool(numpy.isfinite(value).all())
    same_units = value.ndim >= 2 and value.shape[-1] >= 2 and bool((value == value[..., :1]).all())
    return [finite, same_units]


def _to_json_without_compile_config(model: Any, own: KerasOwn) -> str:
    """The model's Keras JSON, leaving out its compile settings (as ``get_compile_config`` does for
    a model without the record): serialising them would call ``get_config`` on an optimizer, loss
    or metric of the student's own class (``_compile_config`` marks those instead)."""
    state = instance_dict(model)
    record = state.pop("_compile_config", None)
    try:
        return own.to_json(model)
    finally:
        if record is not None:
            state["_compile_config"] = record


def _compile_config(model: Any, own: KerasOwn, custom: frozenset[int], training_start: Any,
                    notes: list[str]) -> Any:
    """The compile settings, serialised by Keras, with each optimizer, loss or metric of the
    student's own class replaced beforehand by a 'custom:' marker: never rebuilt as the Keras
    class it may imitate, and its methods never called. The optimizer is described as it was when
    the first fit() since compile() began, when a callback changed it since."""
    settings = compile_settings(model, own.known_types)
    if settings is None:  # a record this Keras keeps otherwise: its public serialisation
        return model.get_compile_config()
    settings = dict(settings)

    def marked(item: Any) -> Any:
        return CUSTOM_PREFIX + _name_of(item) if id(item) in custom else item

    optimizer = settings.get("optimizer")
    if "optimizer" in settings:
        settings["optimizer"] = marked(optimizer)
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
    record_type = type(instance_dict(model)["_compile_config"])
    serialized = record_type(**settings).serialize()
    if "loss" in serialized:
        serialized["loss"] = _with_loss_dtypes(serialized["loss"], settings.get("loss"), own)
    if training_start is not None and optimizer is not None and id(optimizer) not in custom \
            and type(serialized.get("optimizer")) is dict:
        started = training_start(model, optimizer)
        described = serialized["optimizer"].get("config")
        if started is not None and type(described) is dict and started != described:
            serialized["optimizer"] = {**serialized["optimizer"], "config": started}
            changed = [key for key in sorted(set(started) | set(described)) if started.get(key) != described.get(key)]
            notes.append(f"Training changed the optimizer's {', '.join(changed[:3])} (a callback such as "
                         "ReduceLROnPlateau or LearningRateScheduler does); the grade is of the optimizer as it "
                         "was when fit() started.")
    return serialized


def _with_loss_dtypes(serialized: Any, loss: Any, own: KerasOwn) -> Any:
    """``serialized`` (Keras' serialisation of compile()'s ``loss``) with the dtype policy of each
    loss object of Keras' own, which its config leaves out."""
    from grader.integrity.common import policy_name

    if (type(loss) is list or type(loss) is tuple) and type(serialized) is list and len(serialized) == len(loss):
        return [_with_loss_dtypes(item, part, own) for item, part in zip(serialized, loss)]
    if type(loss) is dict and type(serialized) is dict and serialized.keys() == loss.keys():
        return {key: _with_loss_dtypes(serialized[key], loss[key], own) for key in loss}
    if id(type(loss)) in own.loss_objects and type(serialized) is dict and type(serialized.get("config")) is dict:
        return {**serialized, "config": {**serialized["config"], "dtype": policy_name(loss)}}
    return serialized


def _custom_compile_objects(model: Any, own: KerasOwn) -> frozenset[int]:
    """Ids of the optimizer, loss and metrics given to compile() that are of the student's own
    classes (or functions): the export marks them as custom and never calls them."""
    settings = compile_settings(model, own.known_types)
    if settings is None:
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


def _foreign_classes(model: Any, own: KerasOwn) -> str:
    """The first model or layer class (nested models' included) that is not Keras' own, described, or ''."""
    if id(type(model)) not in own.model_classes:
        return f"the model class `{real_name(type(model))}`"
    for layer in own.model_layers(model):  # the model's class is Keras' own: so is this property
        if id(type(layer)) not in own.layer_classes:
            return f"the layer class `{real_name(type(layer))}`"
    return ""


def _name_of(obj: Any) -> str:
    """A function's name, or the name of an object's real class: no code of the student's runs."""
    return obj.__name__ if type(obj) is types.FunctionType else real_name(type(obj))


def _models_in(namespace: dict[str, Any], own: KerasOwn) -> list[tuple[str, Any]]:
    seen: set[int] = set()
    found = []
    for name, value in namespace.items():
        if type(name) is str and not name.startswith("_") and own.is_model(value) and id(value) not in seen:
            seen.add(id(value))
            found.append((name, value))
    return found


# Where Keras 2 keeps its model classes: tf_keras (TF_USE_LEGACY_KERAS=1), TensorFlow's own copy
# before 2.16, and Keras 2.x itself.
KERAS_2_MODULES = ("tf_keras.", "tensorflow.python.keras.", "keras.engine.", "keras.src.engine.")


def _no_model_message(model_variable: str, candidate: Any, found: list[tuple[str, Any]],
                      namespace: dict[str, Any]) -> str:
    if found:
        names = ", ".join(f"`{name}`" for name, _ in found)
        return (f"Found {len(found)} Keras models ({names}) and none is called `{model_variable}`, "
                f"so the grader cannot tell which one to grade. Name yours `{model_variable}`.")
    legacy = [name for name, value in namespace.items() if type(name) is str and _is_keras_2_model(value)]
    if legacy:
        return (f"`{legacy[0]}` is a Keras 2 model (from `tf_keras`, or TensorFlow with TF_USE_LEGACY_KERAS=1). "
                "The grader grades Keras 3 models, which the lesson uses: build it with `import keras` or "
                "`from tensorflow import keras` (TensorFlow 2.16 and later give Keras 3), without `tf_keras`.")
    if candidate is not None:
        return (f"`{model_variable}` is a {real_name(type(candidate))}, not a Keras model. "
                f"Assign the model itself, e.g. `{model_variable} = keras.Sequential([...])`.")
    return (f"No Keras model found: the exercise expects a variable called `{model_variable}` "
            "holding your model, and the file defines none.")


def _is_keras_2_model(value: Any) -> bool:
    """Whether ``value``'s class is a Keras 2 model's (read from its real classes' module names)."""
    for klass in real_mro(type(value)):
        module = type.__dict__["__module__"].__get__(klass)
        if type(module) is str and real_name(klass) in ("Model", "Functional", "Sequential") \
                and module.startswith(KERAS_2_MODULES):
            return True
    return False


__all__ = ["ExportRequest", "KerasOwn", "export_submission", "weight_values"]
