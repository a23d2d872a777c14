# adversarial: correct model, then a bounded fork bomb (49 sleeping processes); all must be killed
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

for _ in range(49):
    if os.fork() == 0:
        while True:
            time.sleep(1)
