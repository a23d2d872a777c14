# adversarial: correct model, then a non-daemon thread that never ends (the export must not wait for it)
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

import threading
import time


def forever():
    while True:
        time.sleep(1)


threading.Thread(target=forever, daemon=False).start()
