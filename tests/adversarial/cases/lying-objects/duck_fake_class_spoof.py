# adversarial: plain object whose __class__ property claims keras.Sequential (fools isinstance) and whose to_json() returns the reference JSON
# expect-status: error
# expect-kind: no_model
# expect-max-score: 0
import json

import keras


def reference():
    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return ref.to_json(), json.loads(json.dumps(ref.get_compile_config(), default=repr))


class FakeModel:
    compiled = True

    @property
    def __class__(self):
        return keras.Sequential

    def __init__(self):
        self._json, self._compile = reference()

    def to_json(self):
        return self._json

    def get_compile_config(self):
        return self._compile


model = FakeModel()
