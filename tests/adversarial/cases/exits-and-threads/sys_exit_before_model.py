# adversarial: sys.exit(0) before the (correct) model code, which therefore never runs
# expect-status: error
# expect-kind: exited
# expect-max-score: 0
import sys
sys.exit(0)

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
