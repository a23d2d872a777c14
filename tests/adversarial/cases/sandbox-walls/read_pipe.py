# adversarial: tries to read fds 3..20 and the result pipe reopened via /proc/self/fd, then builds a correct model
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import os

for fd in range(3, 21):
    try:
        os.set_blocking(fd, False)
        os.read(fd, 1 << 16)
    except OSError:
        pass
    try:
        if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
            reopened = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY | os.O_NONBLOCK)
            try:
                os.read(reopened, 1 << 16)
            except OSError:
                pass
            os.close(reopened)
    except OSError:
        pass

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
