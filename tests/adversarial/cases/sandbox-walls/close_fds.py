# adversarial: correct model, then closes file descriptors 3..20 [verdict: the result pipe is not in the submission's file table (only the sender thread's), so the correct model is graded]
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

os.closerange(3, 21)
