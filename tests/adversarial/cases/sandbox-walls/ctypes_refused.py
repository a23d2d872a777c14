# adversarial: correct model, then ctypes.string_at(0) (a segfault, or any native memory access) [verdict: ctypes is refused in the submission's threads; the exception is its verdict]
# expect-status: error
# expect-kind: exception
# expect-max-score: 0
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import ctypes

ctypes.string_at(0)
