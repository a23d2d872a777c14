# adversarial: SGD model in `model`; a correct Adam model in `other`; without sys._current_frames, finds the sender's `finish` (a functools.partial of export_submission, created by the worker per request) with gc.get_objects() and edits its mutable keywords dict so that the export grades `other` [the same wall as redteam_sender_finish_keywords, through the collector instead of the sender's frame] [verdict: the sender's instructions are an immutable tuple now (exporter.Finish), and its functions' defaults cannot be changed]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import functools
import gc

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
    everything = gc.get_objects()
except PermissionError:  # refused outside the sender thread: the walls after it are tested too
    everything = []
for candidate in everything:
    if type(candidate) is functools.partial and "model_variable" in candidate.keywords:
        candidate.keywords["model_variable"] = "other"
        print("ESCAPED: found the sender's export through the garbage collector and redirected it")
