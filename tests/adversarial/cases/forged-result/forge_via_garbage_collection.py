# adversarial: SGD model; leaves reference cycles of started generators whose `finally` writes a forged result to every pipe and os._exit(0)s when run outside the main thread, and tunes the collector so that it would collect them in the sender, where Python runs finalisers unprofiled inside the guard's own calls [verdict: the garbage collector is off while the sender works, so the real SGD model is graded]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
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
                      "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))},
            "notes": []}


PAYLOAD = json.dumps(forged_payload()).encode()

import keras
import gc
import stat
import threading

MAIN = threading.get_ident()


def send_forgery_everywhere():
    """Write the forged result to every pipe this thread can reach, then end the process."""
    for fd in range(3, 65536):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, PAYLOAD)
        except OSError:
            pass
    os._exit(0)


def batches():
    try:
        while True:
            yield 1
    finally:
        if threading.get_ident() != MAIN:
            send_forgery_everywhere()


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

gc.collect()
gc.set_threshold(400)  # few enough allocations left in the main thread not to collect them there
for _ in range(100):
    started = batches()
    next(started)
    cycle = [started]
    cycle.append(cycle)
del started, cycle
