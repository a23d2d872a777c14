# adversarial: redteam11_zero_weights_assigned with kernel[0, 0] of each Dense nudged to 1e-3, so no kernel has all its units the same, while the model stays as dead (Digits pixel 0 is 0 in every image). Accepted, by decision (see ../open/README.md): the grade of a compile exercise is of the model's definition, and of a weight's values only two facts are graded (all finite; not every unit of a kernel the same), which catch honest mistakes and are no defence against values chosen to get past them
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import keras
import numpy as np

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
for weight in model.weights:
    value = np.zeros(weight.shape, "float32")
    if len(weight.shape) == 2:
        value[0, 0] = 1e-3
    weight.assign(value)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
