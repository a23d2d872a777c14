# adversarial: SGD model whose first layer has an initializer of its own class; its get_config, which the export would call in the sender thread, writes a forged result to every pipe and os._exit(0)s [verdict: the sender stops at the first function of the submission's own]
# expect-status: error
# expect-kind: unsupported_model
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


class Sneaky(keras.initializers.GlorotUniform):
    def get_config(self):
        send_forgery_everywhere()


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu", kernel_initializer=Sneaky()),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
