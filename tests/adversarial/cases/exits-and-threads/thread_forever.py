# adversarial: correct model, then a non-daemon thread that never ends [verdict: a thread of the submission's still running could change the model while the sender reads it, so the sender waits a second for it, then reports it instead of grading]
# expect-status: error
# expect-kind: threads
# expect-max-score: 0
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import threading
import time


def forever():
    while True:
        time.sleep(1)


threading.Thread(target=forever, daemon=False).start()
