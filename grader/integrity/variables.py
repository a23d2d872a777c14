"""Detector ``variables``: variables that are not the TensorFlow variables that compute, or share storage.

Runs in the sandboxed child's sender thread. A Keras variable (a weight, an optimizer's or a
metric's) wraps a TensorFlow variable; Keras reads its own fields, TensorFlow computes with the
wrapped one. They must agree: no cached value read in place of the variable's own, a weight Keras
trains is one TensorFlow's gradient tape watches, shape and dtype as the value has them (read from
the value itself); a layer computes with the weights it tracks, all of them; and no two variables
read and write one storage (found by writing a different constant through each and reading each
back, then restoring all). Variables of a ``tf.distribute`` strategy are not read: the detector is
off for such a model, with a note.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, Skipped, needs
from grader.integrity.common import inner_optimizer, instance_dict, layer_name, sequence

_WHOLE_VALUE_LIMIT = 1 << 16  # elements; above it, only the first element is marked


class Kit(NamedTuple):
    as_dtype: Any
    read: Any  # read_variable_op
    assign: Any  # assign_variable_op
    strided_slice: Any
    strided_slice_assign: Any  # resource_strided_slice_assign
    tf_variables: tuple[type, ...]  # ResourceVariable, and UnliftedInitializerVariable (made in a trace)
    distributed: type  # DistributedValues
    flatten_layers: Any
    variable: type  # keras.Variable
    loss_scale_optimizer: type


class Variables(Detector):
    id = "variables"
    title = "a variable is not the one that computes, or shares its storage with another"

    @staticmethod
    def probe() -> Kit:
        import keras

        read, assign = needs("tensorflow.python.ops.gen_resource_variable_ops", "read_variable_op",
                             "assign_variable_op")
        strided_slice_assign, strided_slice = needs("tensorflow.python.ops.gen_array_ops",
                                                    "resource_strided_slice_assign", "strided_slice")
        return Kit(needs("tensorflow.python.framework.dtypes", "as_dtype"), read, assign, strided_slice,
                   strided_slice_assign,
                   (needs("tensorflow.python.ops.resource_variable_ops", "ResourceVariable"),
                    needs("tensorflow.python.eager.polymorphic_function.polymorphic_function",
                          "UnliftedInitializerVariable")),
                   needs("tensorflow.python.distribute.values", "DistributedValues"),
                   needs("keras", "Layer._flatten_layers"), keras.Variable, keras.optimizers.LossScaleOptimizer)

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        model, own = context.model, context.own
        for layer in kit.flatten_layers(model, include_self=False, recursive=True):
            if not _uses_its_own_weights(layer, own, kit):
                return [f"layer `{layer_name(layer)}` computes with other variables than the weights it tracks (its "
                        "kernel or bias replaced or removed after building)"]
        variables = [*own.weights(model), *model.metrics_variables]
        held = instance_dict(model).get("optimizer")
        for optimizer in (inner_optimizer(held, kit.loss_scale_optimizer), held):
            if optimizer is not None and id(type(optimizer)) in own.known_types:
                variables += sequence(instance_dict(optimizer).get("_variables"), own.known_types) or []
        if any(isinstance(instance_dict(variable).get("_value"), kit.distributed) for variable in variables):
            raise Skipped("the model was built inside a tf.distribute strategy's scope, whose variables this check "
                          "does not read")
        for variable in variables:
            lie = _variable_lie(variable, kit)
            if lie:
                return [f"the variable `{getattr(variable, 'path', '?')}` {lie}, so it computes otherwise than the "
                        "grader sees"]
        shared = _shared_storage(variables, kit)
        if shared:
            return [f"the variables `{getattr(shared[0], 'path', '?')}` and `{getattr(shared[1], 'path', '?')}` are "
                    "one storage (what is written through one is read through the other), so training would not "
                    "update them as the grader sees them"]
        return []


def _uses_its_own_weights(layer: Any, own: Any, kit: Kit) -> bool:
    """The variables a layer holds as attributes are the ones it created and tracks, all of them."""
    state = instance_dict(layer)
    held = {id(value) for value in state.values() if isinstance(value, kit.variable)}
    created = {id(variable) for variable in [*(sequence(state.get("_trainable_variables"), own.known_types) or ()),
                                              *(sequence(state.get("_non_trainable_variables"), own.known_types) or ())]}
    return created <= held and held <= {id(weight) for weight in own.weights(layer)}


def _variable_lie(variable: Any, kit: Kit) -> str:
    """How a Keras variable's own fields (which the export reads) differ from the TensorFlow
    variable that computes with it, or ''. Its shape and dtype are read from the value itself."""
    state = instance_dict(variable)
    value = state.get("_value")
    if type(value) not in kit.tf_variables:
        return "is not backed by a TensorFlow variable of its own"
    inner = instance_dict(value)
    if inner.get("_cached_value") is not None:  # what a read returns in place of the variable's value
        return "has a cached value that is read in place of its own"
    # Keras does not tell TensorFlow when a variable is frozen (it asks no gradient for it then), but
    # a variable Keras trains must be one TensorFlow's gradient tape watches.
    if type(state.get("_trainable")) is not bool or (state["_trainable"] and inner.get("_trainable") is not True):
        return "is trainable for Keras but not for TensorFlow's gradients"
    try:
        dtype = kit.as_dtype(state.get("_dtype"))
        shape = tuple(kit.read(inner.get("_handle"), dtype).shape)
    except Exception:  # noqa: BLE001 - a dtype that is not its value's
        return "holds a value of another dtype than it reports"
    if shape != tuple(state.get("_shape") or ()) or shape != tuple(inner.get("_shape") or ()) \
            or inner.get("_dtype") is not dtype:
        return "holds a value of another shape or dtype than it reports"
    return ""


def _shared_storage(variables: list[Any], kit: Kit) -> tuple[Any, Any] | None:
    """Two of ``variables`` that read and write one storage, or None. Found by writing a different
    constant through each (after reading all of them) and reading each back; every value is then
    put back as it was. Of a big variable only the first element is written, which keeps the
    memory of a big layer flat. Identity of the objects cannot tell: two handles may name one
    resource."""
    distinct = list({id(variable): variable for variable in variables}.values())
    marked = []
    for variable in distinct:
        inner = instance_dict(instance_dict(variable)["_value"])  # each checked by _variable_lie first
        dtype = kit.as_dtype(instance_dict(variable)["_dtype"])
        size = inner["_shape"].num_elements()
        exact = 2048 if dtype.size <= 2 else 2 ** 24  # the integers the dtype holds exactly
        if not (dtype.is_floating or dtype.is_integer) or not size or len(distinct) >= exact:
            continue  # a marker that dtype cannot hold exactly, or no element to hold it
        shape = tuple(inner["_shape"])  # its value's, checked by _variable_lie
        marked.append((variable, _Storage(kit, inner["_handle"], dtype, shape, size <= _WHOLE_VALUE_LIMIT)))
    saved = [storage.read() for _, storage in marked]
    try:
        for index, (_, storage) in enumerate(marked):
            storage.write(index + 1)
        for index, (variable, storage) in enumerate(marked):
            found = storage.read().reshape(-1)
            if not (found == index + 1).all():
                other = int(found.max()) - 1  # the marker of the variable written through it last
                return variable, marked[other][0] if 0 <= other < len(marked) else variable
    finally:
        for (_, storage), value in zip(marked, saved):
            storage.write(value)
    return None


class _Storage(NamedTuple):
    """A variable's storage: its whole value, or (a big one) the element at index 0."""
    kit: Kit
    handle: Any
    dtype: Any
    shape: tuple[int, ...]
    whole: bool

    def read(self) -> Any:
        value = self.kit.read(self.handle, self.dtype)
        if self.whole:
            return value.numpy()
        corner = [1] * len(self.shape)
        return self.kit.strided_slice(value, [0] * len(corner), corner, corner).numpy()

    def write(self, value: Any) -> None:
        import numpy

        target = self.shape if self.whole else (1,) * len(self.shape)
        value = numpy.broadcast_to(numpy.asarray(value, self.dtype.as_numpy_dtype), target)
        if self.whole:
            self.kit.assign(self.handle, value)
        else:
            self.kit.strided_slice_assign(self.handle, [0] * len(target), list(target), list(target), value)
