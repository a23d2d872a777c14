# adversarial: correct model, then fork a child that sleeps forever (holds the result pipe open); must be reaped
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
import time

if os.fork() == 0:
    with open("fork_child_forever.pid", "w") as f:
        f.write(str(os.getpid()))
    while True:
        time.sleep(1)
