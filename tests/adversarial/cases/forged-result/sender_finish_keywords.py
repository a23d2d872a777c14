# adversarial: SGD model in `model`; a correct Adam model on the side in `other`; reads the sender thread's frame (sys._current_frames()) and edits the keywords dict of its `finish` functools.partial (a local bound before the student's code, but a mutable object) so that the export grades `other` instead of `model` [no native code, no code in the sender] [verdict: the sender's instructions are an immutable tuple now (exporter.Finish), so nothing of it can be edited]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import sys
import threading

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

other = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
other.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

try:
    other_frames = sys._current_frames().items()
except PermissionError:  # refused outside the sender thread: the walls after it are tested too
    other_frames = []
for ident, frame in other_frames:
    finish = frame.f_locals.get("finish") if ident != threading.get_ident() else None
    keywords = getattr(finish, "keywords", None)
    if isinstance(keywords, dict) and "model_variable" in keywords:
        keywords["model_variable"] = "other"
        print("ESCAPED: the sender's export was redirected to another variable")
