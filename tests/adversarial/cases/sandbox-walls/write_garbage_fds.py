# adversarial: correct model, then writes garbage to file descriptors 3..20 [verdict: the result pipe is not among them (it is only in the sender thread's file table), so the correct model is graded]
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

for fd in range(3, 21):
    try:
        os.write(fd, b"garbage{\n")
    except OSError:
        pass
