# adversarial: SGD model; forks a grandchild that enlarges the output pipe to 1 MiB (F_SETPIPE_SZ) and writes 1 MiB chunks to it without pause (handing over to a freshly forked successor before RLIMIT_CPU ends it), then lets the child end normally. Once the child has exited, the worker drains the output pipe with non-blocking 64 KiB reads until it finds it empty, with no deadline (sandbox._collect): the writer keeps it full, so the worker never answers and the grading takes timeout + RESPONSE_MARGIN (60 s) [verdict a correct grader gives: the SGD model, graded within timeout + 20 s] [verdict: once the child has exited, its pipes are drained for at most half a second]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import fcntl
import os
import time

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

F_SETPIPE_SZ = 1031
CHUNK = b"x" * (1 << 20)


def flood():
    try:
        fcntl.fcntl(1, F_SETPIPE_SZ, 1 << 20)
    except OSError:
        pass
    started = time.process_time()
    while True:
        os.write(1, CHUNK)
        if time.process_time() - started > 5:  # before RLIMIT_CPU: a fresh process with a fresh budget
            if os.fork():
                os._exit(0)
            started = time.process_time()


if os.fork() == 0:
    try:
        flood()
    finally:
        os._exit(0)
time.sleep(0.5)
