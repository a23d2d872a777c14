# adversarial: SGD model; a timer signal every millisecond whose handler turns the collector back on and leaves reference cycles of started generators, whose `finally` writes a forged result to every pipe and os._exit(0)s when run outside the main thread [verdict: the main thread ignores the submission's handlers and stops its timers before handing over, so the real SGD model is graded]
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
import signal
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


def on_alarm(signum, frame):
    gc.enable()
    gc.set_threshold(50)
    for _ in range(20):
        started = batches()
        next(started)
        cycle = [started]
        cycle.append(cycle)


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
