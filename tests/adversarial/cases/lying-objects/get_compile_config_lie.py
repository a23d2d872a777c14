# adversarial: SGD model with keras.Model.get_compile_config patched to return a correct Adam config; the child exports via that method, so the lie yields a legit-looking correct config [verdict: the tamper check sees the patched Keras method]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import json

import keras


def reference_compile_config():
    ref = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="softmax")])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return json.loads(json.dumps(ref.get_compile_config(), default=repr))


LIE = reference_compile_config()
keras.Model.get_compile_config = lambda self: LIE

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
