# adversarial: correct model, then a segfault in native code (faulthandler._sigsegv, no ctypes needed)
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

import faulthandler

faulthandler._sigsegv()
