# adversarial: SGD model; reads the sender's random result fd from its frame (sys._current_frames()[sender].f_locals["fd"]) and sets, as an instance attribute of the first layer's kernel initializer (which integrity.problem never inspects), a `get_config` that is a C-level chain (functools.partial of collections.deque over map(operator.call, [partial(os.write, fd, forged), partial(os._exit, 0)])); Keras' to_json calls it in the sender thread, where the profile guard sees no Python function of the submission's [verdict: the walk finds the initializer's own get_config before the export calls it]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: planted-callable
import json
import os

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
                      "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr)),
                      "escaped": "ESCAPED: forged result written to the sender's pipe by a C-level chain"},
            "notes": ["ESCAPED: this result was forged by the submission"]}


PAYLOAD = json.dumps(forged_payload()).encode()

import collections
import functools
import operator
import sys
import threading

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

result_fd = None
try:
    other_frames = sys._current_frames().items()
except PermissionError:  # refused outside the sender thread: the walls after it are tested too
    other_frames = []
for ident, frame in other_frames:
    if ident != threading.get_ident() and isinstance(frame.f_locals.get("fd"), int):
        result_fd = frame.f_locals["fd"]
if result_fd is None:
    result_fd = 1024  # a guess: the walk must refuse the planted get_config whatever it holds
if result_fd is not None:
    chain = functools.partial(collections.deque, map(operator.call, [
        functools.partial(os.write, 1, b"ESCAPED: wrote a forged result to the sender's pipe from a C-level chain\n"),
        functools.partial(os.write, result_fd, PAYLOAD),
        functools.partial(os._exit, 0),
    ]), 0)
    model.layers[0].kernel_initializer.get_config = chain
