# adversarial: SGD model with an MSE loss; edits the recorded compile arguments in place (optimizer and loss) [verdict: the record no longer holds the objects the model trains with]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="mse", metrics=["accuracy"])
model._compile_config.config["optimizer"] = keras.optimizers.Adam()
model._compile_config.config["loss"] = "sparse_categorical_crossentropy"
