# adversarial: correct model, then writes garbage to file descriptors 3..20 (corrupting the result pipe)
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

for fd in range(3, 21):
    try:
        os.write(fd, b"garbage{\n")
    except OSError:
        pass
