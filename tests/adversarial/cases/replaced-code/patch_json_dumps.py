# adversarial: correct model, then json.dumps patched to return 'not json' (breaks export and the result pipe); a pass would be legit [verdict: the tamper check sees the patched json.dumps]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import json

json.dumps = lambda *args, **kwargs: "not json"
