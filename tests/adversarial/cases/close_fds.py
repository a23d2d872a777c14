# adversarial: correct model, then closes file descriptors 3..20 (including the result pipe)
# expect-status: error
# expect-kind: crashed
# expect-max-score: 10
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import os

os.closerange(3, 21)
