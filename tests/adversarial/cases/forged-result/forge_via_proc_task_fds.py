# adversarial: SGD model; reopens every pipe of every thread through /proc/self/task/*/fd/* for writing and writes a forged result there [verdict: /proc is hidden from submissions, so the real SGD model is graded]
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
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

for base in ("/proc/self/task", f"/proc/{os.getpid()}/task", "/proc/thread-self/.."):
    try:
        threads = os.listdir(base)
    except OSError:
        continue
    for thread in threads:
        try:
            fds = os.listdir(f"{base}/{thread}/fd")
        except OSError:
            continue
        for fd in fds:
            path = f"{base}/{thread}/fd/{fd}"
            try:
                if os.readlink(path).startswith("pipe:"):
                    handle = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
                    os.write(handle, PAYLOAD)
                    print(f"ESCAPED: wrote a forged result through {path}")
            except OSError:
                pass
