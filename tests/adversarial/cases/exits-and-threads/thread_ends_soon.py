# adversarial: correct model, then a thread that is still working for a moment after the code ends [verdict: the sender waits up to a second for the submission's threads, so the correct model is graded]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import threading
import time

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

threading.Thread(target=time.sleep, args=(0.3,)).start()
