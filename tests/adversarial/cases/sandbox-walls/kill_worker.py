# adversarial: correct model, then SIGKILLs the grader's worker process (its parent) [verdict: Landlock refuses the signal, or without it the parent is the namespace's init, which ignores it; the worker is out of reach and the real, correct model is graded]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import os
import signal

try:
    os.kill(os.getppid(), signal.SIGKILL)
except PermissionError:  # Landlock refuses signals beyond the submission's own processes
    pass
