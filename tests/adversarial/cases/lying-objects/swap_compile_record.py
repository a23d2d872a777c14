# adversarial: SGD model; replaces its private _compile_config with that of a decoy compiled with Adam, so get_compile_config reports Adam [verdict: the record is not the optimizer the model trains with]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras

decoy = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(10, activation="softmax")])
decoy.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._compile_config = decoy._compile_config
del decoy
