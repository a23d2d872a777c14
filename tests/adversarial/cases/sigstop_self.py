# adversarial: correct model, then the child sends itself SIGSTOP (never exits, never sends) [verdict: as init of its PID namespace the child ignores its own SIGSTOP, and the real model is correct]
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

os.kill(os.getpid(), signal.SIGSTOP)
