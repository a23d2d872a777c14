# adversarial: SGD model; uses ctypes to take the result pipe out of any other thread's file table (pidfd_open with PIDFD_THREAD, then pidfd_getfd) and write a forged result [verdict: ctypes is refused in the submission's threads, so the real SGD model is graded]
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
import ctypes
import threading

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

SYS_PIDFD_OPEN, SYS_PIDFD_GETFD, PIDFD_THREAD = 434, 438, os.O_EXCL
try:
    libc = ctypes.CDLL(None, use_errno=True)
    for tid in range(os.getpid(), os.getpid() + 64):
        if tid == threading.get_native_id():
            continue
        pidfd = libc.syscall(SYS_PIDFD_OPEN, tid, PIDFD_THREAD)
        if pidfd < 0:
            continue
        for target in range(3, 65536):
            fd = libc.syscall(SYS_PIDFD_GETFD, pidfd, target, 0)
            if fd >= 0:  # above stdio, another thread holds nothing but the result pipe
                try:
                    os.write(fd, PAYLOAD)
                    print(f"ESCAPED: wrote a forged result through pidfd_getfd({tid}, {target})")
                except OSError:
                    pass
                os.close(fd)
        os.close(pidfd)
except PermissionError as refused:
    print("refused:", refused)
