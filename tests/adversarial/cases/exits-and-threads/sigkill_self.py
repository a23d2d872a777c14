# adversarial: correct model, then os.kill(os.getpid(), SIGKILL) [verdict: the submission runs as PID 2 of its namespace, so its own SIGKILL ends it as on any Linux]
# expect-status: error
# expect-kind: crashed
# expect-max-score: 0
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import os
import signal

os.kill(os.getpid(), signal.SIGKILL)
