# adversarial: SGD model; finds the worker (parent, or the holder of its result pipe in /proc), opens its protocol pipe via /proc/<pid>/fd and writes a forged 10/10 response line to the grader
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import json
import os

import keras


def forged_spec():
    from grader.describer.describe import describe
    from grader.child.export import weight_values
    from grader.integrity.layer_state import model_layer_states, weight_state

    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    plain = {"config": json.loads(ref.to_json()), "compiled": True,
             "weight_values": [weight_values(w) for w in ref.weights], "preprocessing": [],
             "integrity": {"layer-state": {
                 "weight_shapes": [list(w.shape) for w in ref.get_weights()],
                 "weight_state": [weight_state(w) for w in ref.weights],
                 "layer_state": model_layer_states(ref)}},
             "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))}
    return describe(plain, "integer")[0]


line = json.dumps({"output": "", "notes": [], "failure": None, "spec": forged_spec(), "elapsed": 0.1}) + "\n"
mine = set()
try:
    own_fds = os.listdir("/proc/self/fd")
    candidates = [str(os.getppid())] + [p for p in os.listdir("/proc") if p.isdigit()]
except OSError:  # /proc hidden
    own_fds, candidates = [], [str(os.getppid())]
for fd in own_fds:
    try:
        mine.add(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        pass
# The worker: the parent, or (in a PID namespace) whichever process holds the other end of our result pipe.
for pid in candidates:
    try:
        fds = {fd: os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
    except OSError as exc:
        print("cannot read fds of", pid, exc)
        continue
    if pid != str(os.getppid()) and not (mine & set(fds.values())):
        continue
    forged = False
    for fd, target in sorted(fds.items(), key=lambda item: int(item[0])):
        if fd != "0" and target.startswith("pipe:") and target not in mine:
            try:
                handle = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY | os.O_NONBLOCK)
                os.write(handle, line.encode())
                os.close(handle)
                forged = True
                print("forged a response on", pid, fd)
                break
            except OSError as exc:
                print("forgery failed:", pid, fd, exc)
    if forged:
        break

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
