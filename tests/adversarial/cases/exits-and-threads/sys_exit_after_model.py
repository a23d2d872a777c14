# adversarial: correct model, then sys.exit(0): the model exists, so it should still be graded
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

import sys
sys.exit(0)
