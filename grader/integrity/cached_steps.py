"""Detector ``cached-steps``: a cached fit/evaluate/predict step that is not what Keras makes now.

Runs in the sandboxed child's sender, after every other detector: do the model's cached training,
evaluation and prediction steps compute what Keras would trace from the model as it is now?

fit(), evaluate() and predict() cache a step function on the model (``train_function``, ...), and
a TensorFlow trace of it bakes in what the model, loss and optimizer were when it was traced:
which layers were trainable, which loss entries were built, the optimizer's Python floats
(Adam's ``epsilon``). compile() drops these caches, but changing a setting afterwards does not,
so a submission can trace a step with one setting and put the setting back: the model, its config
and every object the other checks read are then honest, and the next fit() on it trains another
model. Keras documents the honest form of the same mistake: after changing ``trainable`` the step
must be made again (``make_train_function(force=True)``, or compile()).

``stale_step(model)`` makes each cached step again with Keras' own ``make_*_function(force=True)``
and compares the two, part by part: the Python functions Keras nests must run the same code over
the same objects, ``tf.function`` objects must hold the same settings, and every trace a later call
can run must be the same graph as a new trace for the same input signature. Two traces of one
model differ in names only (node names, unique ids of functions and gradients), so a graph is
compared by content: each node by its operation, attributes and the content of its inputs,
recursively (the functions it calls included), and each captured input by what it is (which
variable, or the value of a constant). What TensorFlow prunes before running (nodes neither
stateful nor needed by an output) is left out.

Everything is read as a call reads it, since a call does not read what is listed for show: the
traces from TensorFlow's own cache containers (a dict with a default could hand out a trace that
is not listed), the captured inputs from the list a call appends to its arguments (tensors only:
a callable there is called at every call), the graph from the definition the runtime registered
under the trace's name in the context the call runs it in, and which traces a call can reach
from the list of variables its first call created (a plain list of weak references). A
difference in what a trace computes, or a step Keras cannot make again, is a ``Retraced`` one: a
setting changed after tracing, which Keras documents as needing a new step, explains it, honestly
or not, and the evidence says so and names the remedy. Any other difference is in parts only code
that reaches into the step changes.

A model compiled with a loss, metric or optimizer of the student's own is not looked at once it
has cached a step: tracing it again would run the student's code in the sender (a note says so).
The traces are also checked to use only the variables the model, its optimizer and its metrics
hold now: compile() drops the cached steps, so a step of an earlier compile() put back after it
would train the old optimizer, loss and layers.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import types
import weakref
from collections import OrderedDict
from itertools import chain
from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, Skipped, needs
from grader.integrity.common import (
    compile_settings,
    config_equal,
    inner_optimizer,
    instance_dict,
    is_plain_data,
    items,
    real_name,
)
from grader.integrity.graph_content import CanonicalGraph
from grader.introspect import class_dict, references

# The cached step functions, how Keras makes each again, and what traced it (for the student).
STEPS = (("train_function", "make_train_function", "training step", "fit()"),
         ("test_function", "make_test_function", "evaluation step", "evaluate()"),
         ("predict_function", "make_predict_function", "prediction step", "predict()"))
# Fields of a tf.function that are compared otherwise (the cache and configs below), or that a
# call never reads (locks, the decorator and signature kept for introspection, the cache of
# methods bound by ``__get__``). Its ``_function_type`` is read at every call: an input signature
# there converts the arguments (NumPy floats to int32, say) before any trace sees them.
FUNCTION_SKIPPED = frozenset({"_lock", "_function_cache", "_function_captures", "_created_variables",
                              "_variable_creation_config", "_no_variable_creation_config",
                              "_concrete_variable_creation_fn", "_descriptor_cache", "_tf_decorator",
                              "__signature__"})
_MAX_DEPTH = 32


class Kit(NamedTuple):
    function: type  # tf.function's class (polymorphic_function.Function)
    function_type: type  # what inputs a call accepts (function_type.FunctionType)
    tracing_options: type
    variable_creation: Any  # tracing_compilation.ScopeType.VARIABLE_CREATION
    function_cache: type
    dispatch_table: type  # type_dispatch.TypeDispatchTable
    concrete_function: type
    atomic_function: type
    delayed_rewrite: type  # concrete_function._DelayedRewriteGradientFunctions
    eager_tensor: type
    resource: Any  # the resource dtype
    context: Any  # tensorflow.python.eager.context.context
    op_def: Any  # op_def_registry.get
    loss_scale_optimizer: type


class CachedSteps(Detector):
    id = "cached-steps"
    title = "a training, evaluation or prediction step cached on the model is not what the model makes now"

    @staticmethod
    def probe() -> Kit:
        import keras

        compilation = "tensorflow.python.eager.polymorphic_function.tracing_compilation"
        tracing_options, variable_creation = needs(compilation, "TracingOptions", "ScopeType.VARIABLE_CREATION")
        concrete = "tensorflow.python.eager.polymorphic_function.concrete_function"
        return Kit(needs("tensorflow.python.eager.polymorphic_function.polymorphic_function", "Function"),
                   needs("tensorflow.core.function.polymorphism.function_type", "FunctionType"),
                   tracing_options, variable_creation,
                   needs("tensorflow.core.function.polymorphism.function_cache", "FunctionCache"),
                   needs("tensorflow.core.function.polymorphism.type_dispatch", "TypeDispatchTable"),
                   needs(concrete, "ConcreteFunction"),
                   needs("tensorflow.python.eager.polymorphic_function.atomic_function", "AtomicFunction"),
                   needs(concrete, "_DelayedRewriteGradientFunctions"),
                   needs("tensorflow.python.framework.ops", "EagerTensor"),
                   needs("tensorflow.python.framework.dtypes", "resource"),
                   needs("tensorflow.python.eager.context", "context"),
                   needs("tensorflow.python.framework.op_def_registry", "get"),
                   keras.optimizers.LossScaleOptimizer)

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        model, own = context.model, context.own
        state = instance_dict(model)
        if all(state.get(attribute) is None for attribute, *_ in STEPS):
            return []
        stale = _stale_traced_function(model, own, kit)
        if stale:
            return [f"the model's cached `{stale}` was traced for other variables than the model, its optimizer and its "
                    "metrics hold now (put back after compile()), so it would train another model"]
        if _compiled_with_own_code(model, own):
            raise Skipped("the model was compiled with a loss, metric or optimizer of the submission's own and then "
                          "used by fit(), evaluate() or predict(), and tracing its steps again would run that code")
        difference = _Comparer(kit).stale_step(model)
        if not difference:
            return []
        if type(difference) is Retraced:  # an honest change of settings after fit() explains it too
            return [f"`{context.variable}` {difference}. Keras keeps running a traced step after the settings it was "
                    "traced with change (a layer's `trainable` flag, the optimizer's arguments, the loss), so a later "
                    "fit() would train the old way while the grade is of the model as it is now; calling compile() "
                    "again after changing such settings makes a new step"]
        return [f"`{context.variable}` {difference} (parts of the step were replaced)"]


class Retraced(str):
    """A difference that changing a setting after the step was traced makes, honestly or not: the
    trace computes otherwise, or Keras cannot make the step again from the model as it is now.
    Any other difference is in the parts of a step that only code reaching into it changes."""


def _first_sentences(text: str, limit: int = 240) -> str:
    """The start of an error message, whole sentences up to ``limit`` characters where it can."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[:cut + 1] if cut > 0 else text[:limit] + "…"


class _Comparer:
    """Compares a cached step with one Keras makes again, part by part (see the module's docstring)."""

    def __init__(self, kit: Kit) -> None:
        self.kit = kit
        self.comparing: set[tuple[int, int]] = set()  # the pairs being compared, up the stack

    def stale_step(self, model: Any) -> str:
        """Which of the model's cached step functions computes other than a new one would, and how,
        for the student; or ''. A ``Retraced`` string where a setting changed after tracing would
        explain it."""
        state = instance_dict(model)
        for attribute, make, step, caller in STEPS:
            cached = state.get(attribute)
            if cached is None:
                continue
            try:
                getattr(type(model), make)(model, force=True)
                difference = self._difference(cached, state.get(attribute), 0)
            except Exception as exc:  # noqa: BLE001 - a step Keras cannot make or trace again is not the model's
                reason = _first_sentences(str(exc)) if type(exc).__str__ is Exception.__str__ else ""
                difference = Retraced(f"making it again from the model fails ({real_name(type(exc))}"
                                      f"{': ' + reason if reason else ''})")
            finally:
                state[attribute] = cached
            if difference:
                return type(difference)(f"has a cached {step} (`{attribute}`, which {caller} made and keeps) that is "
                                        f"not what the model makes now: {difference}")
        return ""

    def _difference(self, cached: Any, fresh: Any, depth: int) -> str:
        """How ``cached`` (a part of a cached step function) differs from ``fresh`` (the same part of
        a step Keras made again), or ''."""
        if cached is fresh or (id(cached), id(fresh)) in self.comparing:
            return ""  # a cycle (TensorFlow's wrappers reach themselves) is equal if the rest is
        kind = type(fresh)
        if type(cached) is not kind:
            return f"it holds a `{real_name(type(cached))}` where Keras makes a `{real_name(kind)}`"
        if depth > _MAX_DEPTH:
            return "its functions are nested deeper than Keras nests them"
        self.comparing.add((id(cached), id(fresh)))
        try:
            return self._parts_difference(cached, fresh, kind, depth)
        finally:
            self.comparing.discard((id(cached), id(fresh)))


    def _parts_difference(self, cached: Any, fresh: Any, kind: type, depth: int) -> str:
        if kind is types.FunctionType:
            return self._python_function_difference(cached, fresh, depth)
        if kind is types.MethodType:
            return "" if cached.__func__ is fresh.__func__ and cached.__self__ is fresh.__self__ \
                else "it calls another method or another object's method"
        if kind is self.kit.function:
            return self._tf_function_difference(cached, fresh, depth)
        if kind is weakref.ReferenceType:  # TensorFlow's wrappers reach the traced function so
            return self._difference(cached(), fresh(), depth + 1)
        if kind is self.kit.tracing_options:
            return self._options_difference(cached, fresh, depth)
        if kind is self.kit.function_type:  # what inputs a call accepts, and what it converts them to
            return "" if cached == fresh else \
                "a tf.function in it accepts or converts its inputs otherwise than Keras' does"
        if config_equal(cached, fresh):
            return ""
        return f"it holds another `{real_name(kind)}` than Keras makes"


    def _python_function_difference(self, cached: types.FunctionType, fresh: types.FunctionType, depth: int) -> str:
        if cached.__code__ is not fresh.__code__:
            return f"`{fresh.__code__.co_name}` runs other code"
        for part in ("__defaults__", "__kwdefaults__"):
            if not config_equal(getattr(cached, part), getattr(fresh, part)):
                return f"`{fresh.__code__.co_name}` has other default arguments"
        cells, new_cells = cached.__closure__ or (), fresh.__closure__ or ()
        if len(cells) != len(new_cells):
            return f"`{fresh.__code__.co_name}` closes over other variables"
        # A call never reads a function's attributes; tracing reads autograph's markers, plain data.
        # (functools.wraps copies a wrapped tf.function's fields onto Keras' wrapper: inert there.)
        attributes, new_attributes = instance_dict(cached), instance_dict(fresh)
        if not all(type(name) is str for name in attributes) or set(attributes) != set(new_attributes) or not all(
                config_equal(attributes[name], value) for name, value in new_attributes.items() if is_plain_data(value)):
            return f"`{fresh.__code__.co_name}` carries other attributes"
        for name, cell, new_cell in zip(fresh.__code__.co_freevars, cells, new_cells):
            try:
                value, new_value = cell.cell_contents, new_cell.cell_contents
            except ValueError:  # an empty cell
                return f"`{fresh.__code__.co_name}` closes over an unset `{name}`"
            difference = self._difference(value, new_value, depth + 1)
            if difference:
                return difference
        return ""


    def _tf_function_difference(self, cached: Any, fresh: Any, depth: int) -> str:
        state, new = instance_dict(cached), instance_dict(fresh)
        cache, captures = state.get("_function_cache"), state.get("_function_captures")
        if not self._is_tensorflow_cache(cache):
            return "a tf.function in it keeps its traces elsewhere than TensorFlow does"
        created_variables = state.get("_created_variables")
        # TensorFlow asks this list whether the first call created variables, at every call: a list of
        # weak references that only Keras and TensorFlow filled, and that nothing changes afterwards.
        if created_variables is not None and (type(created_variables) is not list or not all(
                type(reference) is weakref.ReferenceType for reference in created_variables)):
            return "a tf.function in it keeps what its first call created elsewhere than TensorFlow does"
        created = bool(created_variables)
        traces = [concrete for (context, _), concrete in cache._primary.items()
                  # The first trace that created variables is never run again once it has.
                  if not (created and context.scope_type == self.kit.variable_creation)]
        first = state.get("_concrete_variable_creation_fn")
        if not created and first is not None:
            traces.append(first)
        # What it runs first (cheap, and what a step reaching into its closures changes), then its traces.
        difference = self._difference(state.get("_python_function"), new.get("_python_function"), depth + 1)
        if difference:
            return difference
        for concrete in traces:  # this traces ``fresh`` too, which sets the fields a first trace sets
            signature = concrete.structured_input_signature
            renewed = fresh.get_concrete_function(*signature[0], **signature[1])
            key = self._trace_key(concrete)
            if key is None:
                return (f"its trace of `{cached._name}` for {_describe_signature(signature)} is not kept as TensorFlow "
                        "keeps one (its captured inputs or its runtime function were replaced)")
            if key != self._trace_key(renewed):
                return Retraced(f"its trace of `{cached._name}` for {_describe_signature(signature)} computes other "
                                "than a new trace of the model does")
        read = {name for name in new if not name.startswith("_self_")}  # ``_self_*``: checkpoint bookkeeping
        if {name for name in state if not name.startswith("_self_")} != read:
            return "a tf.function in it carries other fields than Keras' makes"
        for name in read - FUNCTION_SKIPPED:
            difference = self._difference(state[name], new[name], depth + 1)
            if difference:
                return difference
        if _by_reference(captures):
            return "a tf.function in it captures values by reference, which Keras' steps never do"
        # A call goes through the one set of tracing options its first call chose.
        options = "_no_variable_creation_config" if created else "_variable_creation_config"
        if state[options] is None and new[options] is None:
            return ""
        if type(state[options]) is not self.kit.tracing_options or _field(state[options], "function_cache") is not cache \
                or _field(state[options], "function_captures") is not captures:
            return "a tf.function in it looks its traces up elsewhere than TensorFlow does"
        return self._difference(state[options], new[options], depth + 1)


    def _is_tensorflow_cache(self, cache: Any) -> bool:
        """A tf.function's trace cache as TensorFlow keeps it: exact containers only, so that every
        trace a call can be dispatched to is one of those compared (a dict with a default, say, would
        hand out a trace that is not listed)."""
        if type(cache) is not self.kit.function_cache or type(cache._primary) is not OrderedDict \
                or type(cache._dispatch_dict) is not dict:
            return False
        return all(type(table) is self.kit.dispatch_table and type(table._dispatch_table) is OrderedDict
                   and type(table._dispatch_cache) is OrderedDict for table in cache._dispatch_dict.values())


    def _options_difference(self, cached: Any, fresh: Any, depth: int) -> str:
        state, new = instance_dict(cached), instance_dict(fresh)
        if set(state) != set(new):
            return "a tf.function's tracing options have other fields than TensorFlow's"
        for name, value in new.items():
            if name in ("function_cache", "function_captures", "lock"):
                continue  # checked by identity with the tf.function's own; a lock computes nothing
            if name == "scope_type":
                if state[name] != value:  # an enum of TensorFlow's
                    return "a tf.function's tracing options have other settings than Keras makes"
                continue
            difference = self._difference(state[name], value, depth + 1)
            if difference:
                return difference
        return ""


    def _trace_key(self, concrete: Any) -> str | None:
        """What a concrete function computes, independent of names: the content key of the function
        the runtime registered for it, with its captured inputs keyed by what they are.

        Read as a call reads them: the captured inputs from the list a call appends to its arguments
        (each must be a tensor: a callable there would be called at every call, and could answer
        differently each time), and the definition from the context the call runs it in. None for a
        trace not kept as TensorFlow keeps one."""
        if type(concrete) is not self.kit.concrete_function:
            return None
        state = instance_dict(concrete)
        captured, atomic, rewrite = (state.get(name) for name in
                                     ("_captured_inputs", "_inference_function", "_delayed_rewrite_functions"))
        # Called eagerly, a trace runs its inference function; called inside another trace (the step
        # inside the outer loop), the one its delayed-rewrite record hands out: the same.
        if type(captured) is not list or not all(type(value) is self.kit.eager_tensor for value in captured) \
                or type(atomic) is not self.kit.atomic_function or atomic._bound_context is not self.kit.context() \
                or type(rewrite) is not self.kit.delayed_rewrite or instance_dict(rewrite).get("_inference_function") is not atomic:
            return None
        lookup = atomic._bound_context.get_function_def
        definition = lookup(atomic.name)
        count = len(definition.signature.input_arg)
        arguments = [("arg", index) for index in range(count - len(captured))] + [self._capture_key(value) for value in captured]
        return CanonicalGraph(lookup, self.kit.op_def).function(definition, arguments)


    def _capture_key(self, value: Any) -> tuple[Any, ...]:
        """A captured input by what it is: a variable by its handle (the same object for every trace
        of one variable), a constant by its value."""
        if value.dtype == self.kit.resource:
            return ("resource", id(value))
        return ("value", value.dtype.name, tuple(value.shape), value.numpy().tobytes())


def _field(options: Any, field: str) -> Any:
    """A field of a TracingOptions (a dataclass), read from its instance dict."""
    return instance_dict(options).get(field)


def _by_reference(captures: Any) -> bool:
    """Whether a tf.function captures anything by reference (re-evaluated at every call: Keras'
    steps capture nothing so)."""
    state = instance_dict(captures)
    return any(len(value) for name, value in state.items() if name.startswith("by_ref") and hasattr(value, "__len__"))


def _describe_signature(signature: Any) -> str:
    """The input signature of a trace, short, for the student."""
    specs = []

    def walk(value: Any) -> None:
        if type(value) in (list, tuple):
            for item in value:
                walk(item)
        elif type(value) is dict:
            for item in value.values():
                walk(item)
        elif real_name(type(value)) == "IteratorSpec":  # what the iterator yields
            walk(getattr(value, "_element_spec", None))
        else:
            dtype = getattr(value, "dtype", None)
            specs.append(getattr(dtype, "name", real_name(type(value))))

    walk(signature)
    return "inputs of dtype " + ", ".join(specs) if specs else "its inputs"


def _compiled_with_own_code(model: Any, own: Any) -> bool:
    """Whether compile() was given an optimizer, loss or metric of the student's own anywhere in
    its structures (dicts and lists of them included), or its record cannot be read: tracing the
    model's steps would run it."""
    if instance_dict(model).get("compiled") is not True:
        return False
    settings = compile_settings(model, own.known_types)
    if settings is None:
        return True
    optimizer = settings.get("optimizer")
    if optimizer is not None and type(optimizer) is not str and id(type(optimizer)) not in own.optimizer_classes:
        return True
    return not all(own.is_keras(item, own.loss_objects) or own.is_keras(item, own.metric_objects)
                   for key in ("loss", "metrics", "weighted_metrics") for item in items(settings.get(key)))


def _stale_traced_function(model: Any, own: Any, kit: Kit) -> str:
    """The first of the model's cached train/test/predict functions whose TensorFlow traces use
    variables that are not the model's, its optimizer's or its metrics' now (or no longer exist),
    or ''. compile() drops these functions, so a trace of an earlier compile() put back after it
    would run the old optimizer, loss and layers on the next fit()."""
    state = instance_dict(model)
    current: set[int] = set()
    optimizer = state.get("optimizer")
    holders = [model.variables, model.metrics_variables]
    for held in (optimizer, inner_optimizer(optimizer, kit.loss_scale_optimizer)):
        if held is not None and id(type(held)) in own.known_types:
            holders.append(held.variables)
    for variables in holders:
        current.update(id(getattr(variable, "value", variable)) for variable in variables)
    for name, *_ in STEPS:
        function = state.get(name)
        if function is None:
            continue
        for traced in _traced_functions(function, own, kit):
            try:
                if any(id(variable) not in current for concrete in traced._list_all_concrete_functions()
                       for variable in concrete.variables):
                    return name
            except AssertionError:  # TensorFlow: the trace references variables that were deleted
                return name
    return ""


def _traced_functions(function: Any, own: Any, kit: Kit, depth: int = 0) -> list[Any]:
    """TensorFlow's traced functions that a cached Keras step function closes over (Keras wraps them
    in plain Python functions), by their real classes only."""
    found: list[Any] = []
    if type(function) is not types.FunctionType or depth > 3:
        return found
    for value in chain.from_iterable(map(references, function.__closure__ or ())):
        if type(value) is types.FunctionType:
            found += _traced_functions(value, own, kit, depth + 1)
        elif type(value) is kit.function and "_list_all_concrete_functions" in class_dict(type(value)):
            found.append(value)
    return found
