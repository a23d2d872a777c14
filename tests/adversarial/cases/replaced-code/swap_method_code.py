# adversarial: SGD model; swaps the __code__ and __defaults__ of Keras' get_compile_config for a function returning a correct Adam config: no class or module attribute changes [verdict: the audit hook refuses the swap, so the submission raises]
# expect-status: error
# expect-kind: exception
# expect-max-score: 0
import keras

decoy = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="softmax")])
decoy.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])


def lying(self, fake=None):
    return fake


keras.Model.get_compile_config.__code__ = lying.__code__
keras.Model.get_compile_config.__defaults__ = (decoy.get_compile_config(),)
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
