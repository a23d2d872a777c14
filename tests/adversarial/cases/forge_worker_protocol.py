# adversarial: SGD model; opens the worker's protocol pipe via /proc/<ppid>/fd and writes a forged 10/10 response line to the grader
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import json
import os

import keras


def forged_spec():
    from grader.describe import describe

    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    plain = {"config": json.loads(ref.to_json()), "compiled": True,
             "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))}
    return describe(plain, "integer")


line = json.dumps({"output": "", "notes": [], "failure": None, "spec": forged_spec(), "elapsed": 0.1}) + "\n"
mine = set()
for fd in os.listdir("/proc/self/fd"):
    try:
        mine.add(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        pass
parent = os.getppid()
try:
    for fd in sorted(os.listdir(f"/proc/{parent}/fd"), key=int):
        target = os.readlink(f"/proc/{parent}/fd/{fd}")
        if fd != "0" and target.startswith("pipe:") and target not in mine:
            handle = os.open(f"/proc/{parent}/fd/{fd}", os.O_WRONLY | os.O_NONBLOCK)
            os.write(handle, line.encode())
            os.close(handle)
            break
except OSError as exc:
    print("forgery failed:", exc)

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
