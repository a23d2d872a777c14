"""Detector ``graph``: a model whose graph runs other layers or nodes than it stores.

Runs in the sandboxed child's sender thread. Keras runs a functional graph (a functional model, or
the one a Sequential keeps in ``_functional``) by its stored node lists, each node's stored
arguments and outputs, and the stored input tensors' dtypes; it saves it from the tensors'
histories. Everything Keras derived when it built the graph is derived again here with Keras' own
code and must be what is stored, and a Sequential's layer list must be the graph it runs.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from grader.integrity import Detector, ModelContext, needs
from grader.integrity.common import (
    history,
    ids,
    instance_dict,
    items,
    plain_equal,
    sequence,
)


class Kit(NamedTuple):
    map_graph: Any
    flatten: Any  # keras.tree.flatten
    keras_tensor: type
    keras_history: type
    symbolic_arguments: type
    flatten_layers: Any
    sequential: type
    sequential_layers: Any  # the Sequential.layers property's getter
    input_layer: type


class Graph(Detector):
    id = "graph"
    title = "the model's graph runs other layers or connections than it describes"

    @staticmethod
    def probe() -> Kit:
        import keras

        return Kit(needs("keras.src.ops.function", "map_graph"), keras.tree.flatten,
                   needs("keras.src.backend", "KerasTensor"), needs("keras.src.ops.node", "KerasHistory"),
                   needs("keras.src.ops.symbolic_arguments", "SymbolicArguments"),
                   needs("keras", "Layer._flatten_layers"), keras.Sequential, keras.Sequential.layers.fget,
                   keras.layers.InputLayer)

    @staticmethod
    def inspect(context: ModelContext, kit: Kit) -> list[str]:
        model, known_types = context.model, context.own.known_types
        if type(model) is kit.sequential and not _sequential_runs_its_layers(model, kit):
            return ["the Sequential model's layer list is not the graph it runs (`_layers` edited after building)"]
        layers = kit.flatten_layers(model, include_self=False, recursive=True)
        graphs = [instance_dict(layer).get("_functional") if type(layer) is kit.sequential else layer
                  for layer in [model, *layers] if id(type(layer)) in context.own.model_classes]
        for graph in [graph for graph in graphs if graph is not None]:
            if not _graph_runs_its_layers(graph, kit):
                return ["the model's graph runs a layer that is not one of its layers (a node's operation replaced)"]
            broken = _graph_disagreement(graph, kit, known_types)
            if broken:
                return [f"the graph the model runs is not the one its config describes: {broken}"]
        return []


def _sequential_runs_its_layers(model: Any, kit: Kit) -> bool:
    graph = instance_dict(model).get("_functional")
    if graph is None:
        return True
    listed = [id(layer) for layer in kit.sequential_layers(model)]
    ran = [id(layer) for layer in kit.flatten_layers(graph, include_self=False, recursive=False)
           if type(layer) is not kit.input_layer]
    return listed == ran


def _graph_runs_its_layers(graph: Any, kit: Kit) -> bool:
    """Every node of a functional graph runs one of the graph's own layers."""
    depths = instance_dict(graph).get("_nodes_by_depth")
    if not isinstance(depths, dict):
        return True
    listed = {id(layer) for layer in kit.flatten_layers(graph, include_self=False, recursive=False)}
    return all(id(instance_dict(node).get("operation")) in listed for nodes in depths.values() for node in nodes)


def _graph_disagreement(graph: Any, kit: Kit, known_types: frozenset[int]) -> str:
    """What makes a model's graph run other than Keras would from its own inputs and outputs, or ''."""
    state = instance_dict(graph)
    inputs, outputs = state.get("_inputs"), state.get("_outputs")
    if "_nnx_op_mapping" in state:  # Flax NNX only (JAX): the graph would run these in place of its own layers
        return "it maps its layers to other operations (`_nnx_op_mapping`)"
    if type(inputs) is not list or type(outputs) is not list or not inputs or not outputs:
        return "its inputs or outputs are not Keras' lists"
    for stored, struct in ((inputs, "_inputs_struct"), (outputs, "_outputs_struct")):
        if list(map(id, kit.flatten(state.get(struct)))) != list(map(id, stored)):
            return f"`{struct}` and the flat list Keras keeps beside it disagree (one of them was replaced)"
    if not all(type(tensor) is kit.keras_tensor for tensor in inputs + outputs):
        return "an input or output is not a Keras tensor"
    try:
        nodes, by_depth, operations, operations_by_depth = kit.map_graph(inputs, outputs)
    except Exception:  # noqa: BLE001 - Keras cannot walk the graph it would save
        return "Keras cannot trace its outputs back to its inputs"
    if state.get("_nodes") != nodes or _ids_by_depth(state.get("_nodes_by_depth")) != _ids_by_depth(by_depth) \
            or _ids_by_depth(state.get("_operations_by_depth")) != _ids_by_depth(operations_by_depth) \
            or ids(state.get("_operations"), known_types) != list(map(id, operations)) \
            or ids(state.get("_layers"), known_types) != list(map(id, operations)):
        return "its stored nodes and layers are not the ones between its inputs and its outputs (`_outputs` or " \
               "the node lists edited)"
    for tensor in inputs:
        layer = history(tensor, kit.keras_tensor, kit.keras_history)[0]
        if type(layer) is not kit.input_layer or instance_dict(layer).get("_input_tensor") is not tensor \
                or not _same_input(instance_dict(tensor), instance_dict(layer)):
            return "an input tensor's shape or dtype is not its InputLayer's (the tensor's `_dtype` edited)"
    for nodes_at_depth in by_depth.values():
        for node in nodes_at_depth:
            wrong = _node_disagreement(node, kit, known_types)
            if wrong:
                return wrong
    return ""


def _node_disagreement(node: Any, kit: Kit, known_types: frozenset[int]) -> str:
    """A node's derived fields are what Keras derives from its arguments, and its outputs record it."""
    state = instance_dict(node)
    operation, arguments, outputs = state.get("operation"), state.get("arguments"), state.get("outputs")
    if type(arguments) is not kit.symbolic_arguments or type(outputs) is not list:
        return "a node's arguments or outputs are not Keras' own"
    held = instance_dict(arguments)
    args, kwargs = held.get("args"), held.get("kwargs")
    if type(args) is not tuple or type(kwargs) is not dict or not all(type(key) is str for key in kwargs):
        return "a node's arguments are not Keras' own"
    try:
        fresh = instance_dict(kit.symbolic_arguments(*args, **kwargs))
    except Exception:  # noqa: BLE001 - arguments Keras could not have stored
        return "a node's arguments are not Keras' own"
    for name in ("_flat_arguments", "keras_tensors"):
        if list(map(id, items(held.get(name)))) != list(map(id, items(fresh[name]))):
            return f"a node's `{name}` is not what its arguments hold"
    if held.get("_single_positional_tensor") is not fresh["_single_positional_tensor"] \
            or state.get("is_input") is not (not fresh["keras_tensors"]):
        return "a node's shortcut to its input is not its argument"
    inbound = sequence(instance_dict(operation).get("_inbound_nodes"), known_types)
    index = next((i for i, other in enumerate(inbound) if other is node), None) if inbound is not None else None
    if index is None:
        return "a node is not one of its layer's calls"
    for position, tensor in enumerate(outputs):
        found = history(tensor, kit.keras_tensor, kit.keras_history)
        if found[0] is not operation or found[1] != index or found[2] != position:
            return "a node's outputs are not the tensors that record it"
    for tensor in fresh["keras_tensors"]:
        parent, parent_index, position = history(tensor, kit.keras_tensor, kit.keras_history)
        if parent is None:
            continue
        calls = sequence(instance_dict(parent).get("_inbound_nodes"), known_types)
        produced = sequence(instance_dict(calls[parent_index]).get("outputs"), known_types) \
            if calls is not None and 0 <= parent_index < len(calls) else None
        if produced is None or not 0 <= position < len(produced) or produced[position] is not tensor:
            return "a node reads a tensor that no node of the graph produces"
    return ""


def _same_input(tensor: dict[str, Any], layer: dict[str, Any]) -> bool:
    """A graph input tensor has its InputLayer's shape, dtype, sparsity and raggedness (the
    graph casts every batch to the tensor's dtype; the config saves the layer's)."""
    pairs = ((tensor.get("_shape"), layer.get("_batch_shape")), (tensor.get("_dtype"), layer.get("_dtype")),
             (tensor.get("_sparse"), layer.get("sparse")), (tensor.get("_ragged"), layer.get("ragged")))
    return all(plain_equal(a, b) for a, b in pairs)


def _ids_by_depth(value: Any) -> Any:
    """A depth -> list mapping as depth -> ids, in order, or None for anything else."""
    if not isinstance(value, dict) or not all(type(key) is int for key in value):
        return None
    return {key: [id(item) for item in items(found)] for key, found in dict.items(value)}
