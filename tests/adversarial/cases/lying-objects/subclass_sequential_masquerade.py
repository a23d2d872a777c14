# adversarial: Sequential subclass renamed to keras' own module/name whose get_config returns the reference layers while the real model is Dense(256): a forged export config [verdict: type() is not Keras' own Sequential, so the export refuses it]
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 0
import keras


def reference_config():
    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    return ref.get_config()


class Sequential(keras.Sequential):
    def get_config(self):
        return reference_config()


Sequential.__module__ = keras.Sequential.__module__
Sequential.__qualname__ = "Sequential"

model = Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(256, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
