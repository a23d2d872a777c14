# adversarial: prints 100 MB of output, then builds a correct model (output must be truncated, not fatal)
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import sys

line = "x" * (1024 * 1024 - 1)
for _ in range(100):
    print(line)
sys.stdout.flush()

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
