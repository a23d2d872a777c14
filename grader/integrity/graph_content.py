"""A traced TensorFlow graph by what it computes, names left out: for the ``cached-steps`` detector.

Runs in the sandboxed child's sender, on traces the detector found. Two traces of one model differ
in names only (node names, unique ids of functions and gradients), so each node is keyed by its
operation, attributes and the content of its inputs, recursively (the functions it calls
included); what TensorFlow prunes before running (nodes neither stateful nor needed by an output)
is left out. Imports no TensorFlow itself: the op registry and the function lookup come from the
detector's kit.

Runs in: the sandboxed child's sender or the trusted describer, as each detector's stage says; imports nothing of grader.child.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

# Attributes that carry a unique id or a user-facing name, never what a node computes.
NAME_ATTRIBUTES = frozenset({"_gradient_op_type", "_user_specified_name", "_class"})


class CanonicalGraph:
    """Content keys of function definitions (FunctionDef), memoised by name."""

    def __init__(self, lookup: Callable[[str], Any], op_def: Any) -> None:
        self.lookup = lookup
        self.op_def = op_def
        self.keys: dict[str, str] = {}

    def called(self, name: str) -> str:
        """The content key of a function a node calls by name, its arguments taken as positions."""
        if name not in self.keys:
            self.keys[name] = "recursive"
            self.keys[name] = self.function(self.lookup(name), None)
        return self.keys[name]

    def attribute(self, value: Any) -> Any:
        kind = value.WhichOneof("value")
        if kind == "func":
            return ("func", self.called(value.func.name), self.attributes(value.func.attr))
        if kind == "list" and len(value.list.func):
            return ("funcs", tuple((self.called(item.name), self.attributes(item.attr)) for item in value.list.func))
        return value.SerializeToString(deterministic=True)

    def attributes(self, attributes: Any) -> tuple[Any, ...]:
        return tuple(sorted((name, self.attribute(value)) for name, value in attributes.items()
                            if name not in NAME_ATTRIBUTES))

    def function(self, definition: Any, arguments: list[Any] | None) -> str:
        """The content key of a FunctionDef; ``arguments`` keys its inputs (None: by position)."""
        signature = definition.signature
        names = [argument.name for argument in signature.input_arg]
        if arguments is None:
            arguments = [("arg", index) for index in range(len(names))]
        argument_keys = dict(zip(names, arguments))
        nodes = {node.name: node for node in definition.node_def}
        keys: dict[str, str] = {}

        def source(text: str) -> Any:
            """The content of an input reference ('arg', 'node:output:index' or '^node')."""
            control = text.startswith("^")
            parts = text.lstrip("^").split(":")
            if parts[0] in argument_keys and len(parts) == 1:
                return ("control" if control else "input", argument_keys[parts[0]])
            return ("control" if control else "input", keys[parts[0]], *parts[1:])

        def key(root: str) -> None:
            stack = [root]
            while stack:
                name = stack[-1]
                if name in keys:
                    stack.pop()
                    continue
                node = nodes[name]
                pending = [part for part in (text.lstrip("^").split(":")[0] for text in node.input)
                           if part in nodes and part not in keys and part not in argument_keys]
                if pending:
                    stack.extend(pending)
                    continue
                stack.pop()
                inputs = [source(text) for text in node.input]
                keys[name] = _digest((node.op, self.called(node.op) if self._is_function(node.op) else "",
                                      self.attributes(node.attr), node.device,
                                      tuple(item for item in inputs if item[0] == "input"),
                                      tuple(sorted(map(repr, (item for item in inputs if item[0] == "control"))))))

        returns = [definition.ret[argument.name] for argument in signature.output_arg]
        control_returns = list(definition.control_ret.values())
        for text in returns + control_returns:
            name = text.split(":")[0]
            if name in nodes:
                key(name)
        for node in definition.node_def:  # the runtime keeps stateful nodes, whatever reads them
            if self._stateful(node.op):
                key(node.name)
        signature_key = (
            tuple((a.type, a.type_attr, a.number_attr, a.type_list_attr) for a in signature.input_arg),
            tuple((a.type, a.type_attr, a.number_attr, a.type_list_attr) for a in signature.output_arg),
            signature.is_stateful, tuple(a.SerializeToString(deterministic=True) for a in signature.attr))
        return _digest((signature_key, sorted(keys.values()), tuple(map(repr, map(source, returns))),
                        tuple(sorted(map(repr, map(source, control_returns)))),
                        tuple(sorted((index, self.attributes(value.attr))
                                     for index, value in definition.arg_attr.items())),
                        self.attributes(definition.attr)))

    def _is_function(self, op: str) -> bool:
        return self.op_def(op) is None

    def _stateful(self, op: str) -> bool:
        found = self.op_def(op)
        return found is None or found.is_stateful


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()
