# adversarial: while True: time.sleep(1) after a correct model: idle hang, stopped by the timeout
# expect-status: error
# expect-kind: timeout
# expect-max-score: 0
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import time

while True:
    time.sleep(1)
