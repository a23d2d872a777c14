# adversarial: the Adam given to compile() was built (and stepped once, by a loop of the file's own) for the variables of another model of the same shape; integrity checks its variable layout against a new Adam built for the optimizer's own `_trainable_variables`, never against the graded model's trainable weights, so the optimizer that trains `model` tracks slots for other variables (fit() on `model` raises "Unknown variable")
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: optimizer-state
import keras
import numpy as np

def make():
    return keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                             keras.layers.Dense(10, activation="softmax")])

other = make()
optimizer = keras.optimizers.Adam()
optimizer.apply([np.zeros(v.shape, "float32") for v in other.trainable_variables], other.trainable_variables)
model = make()
model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
del other
