# adversarial: SGD model whose *instance* attribute get_compile_config returns a correct Adam config (no Keras class is modified, so a class-level tamper check misses it) [verdict: an instance attribute hiding a Keras method is tampering]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
# expect-findings: model-methods
import json

import keras


def reference_compile_config():
    ref = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="softmax")])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return json.loads(json.dumps(ref.get_compile_config(), default=repr))


LIE = reference_compile_config()

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.get_compile_config = lambda: LIE
