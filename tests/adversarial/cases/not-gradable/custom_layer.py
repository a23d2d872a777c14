# adversarial: a custom keras.layers.Layer subclass defined in the submission
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 0
import keras


class Double(keras.layers.Layer):
    def call(self, x):
        return x * 2


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    Double(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
