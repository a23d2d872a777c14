# adversarial: SGD model; its _compile_config becomes an object of the student's own class whose serialize() returns a correct Adam config [verdict: the record is not Keras' own]
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 0
import keras

decoy = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="softmax")])
decoy.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
ADAM = decoy.get_compile_config()
del decoy


class Record:
    config = {}

    def serialize(self):
        return ADAM


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._compile_config = Record()
