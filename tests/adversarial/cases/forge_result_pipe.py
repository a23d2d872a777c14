# adversarial: SGD model, but writes a forged result (reference config + Adam compile config) straight to the result pipe and os._exit(0)s: a forged export (accepted limitation, like get_compile_config)
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import json
import os

import keras


def forged_payload():
    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return {"model": {"variable": "model", "config": json.loads(ref.to_json()),
                      "weight_shapes": [list(w.shape) for w in ref.get_weights()],
                      "weight_state": [[w.trainable, False, False, False] for w in ref.weights], "compiled": True,
                      "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))},
            "notes": []}


PAYLOAD = json.dumps(forged_payload()).encode()

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

for fd in range(3, 64):
    try:
        if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
            os.write(fd, PAYLOAD)
            os._exit(0)
    except OSError:
        pass
