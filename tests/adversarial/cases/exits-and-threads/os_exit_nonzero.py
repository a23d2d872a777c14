# adversarial: correct model, then os._exit(3): the child ends without sending any result
# expect-status: error
# expect-kind: exited
# expect-max-score: 0
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import os
os._exit(3)
