# adversarial: correct model, then double-fork + os.setsid() so a grandchild (sleeps 300 s, pid in its working directory) escapes the process group
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
import time

first = os.fork()
if first == 0:
    os.setsid()
    if os.fork() == 0:
        with open("double_fork_setsid.pid", "w") as f:
            f.write(str(os.getpid()))
        for _ in range(300):  # "forever" compared with the 5 s timeout, but bounded
            time.sleep(1)
        os._exit(0)
    os._exit(0)
os.waitpid(first, 0)
time.sleep(0.5)  # let the grandchild write its pid file
