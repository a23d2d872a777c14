# adversarial: SGD model; tries the get_compile_config __code__ swap inside try/except and carries on [verdict: the swap never happens, so the real SGD model is graded]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras


def lying(self, fake={"optimizer": "adam"}):
    return fake


try:
    keras.Model.get_compile_config.__code__ = lying.__code__
except Exception:
    pass
try:
    keras.Model.get_compile_config.__kwdefaults__ = None
except Exception:
    pass
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
