# adversarial: SGD model whose learning rate is NaN (any student can write this); the describer reports it as a float and the JSON report (`-f json`) then carries a bare NaN token, which is not JSON (RFC 8259): strict consumers of the report (jq, JavaScript's JSON.parse, other languages' parsers) reject the whole file [a correct grader writes standard JSON, e.g. the value as a string or null]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=float("nan")), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
