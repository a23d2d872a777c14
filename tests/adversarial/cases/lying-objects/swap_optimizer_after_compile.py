# adversarial: compiles with SGD, then assigns model.optimizer = Adam(), so the record and the optimizer disagree [verdict: reported as a mismatch, not graded either way]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
# expect-findings: compile-record
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.optimizer = keras.optimizers.Adam()
