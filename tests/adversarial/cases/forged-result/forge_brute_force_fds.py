# adversarial: SGD model; writes a forged 10/10 result to every pipe it has (fds 3..65535), then os._exit(0) [verdict: the result pipe is only in the sender thread's file table; ending the process early is its verdict]
# expect-status: error
# expect-kind: exited
# expect-max-score: 0
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
import stat


def send_forgery_everywhere():
    """Write the forged result to every pipe this thread can reach, then end the process."""
    for fd in range(3, 65536):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, PAYLOAD)
        except OSError:
            pass
    os._exit(0)

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
send_forgery_everywhere()
