# adversarial: every weight of the built model is assign()ed zeros after building (the layers' configs still name Glorot/zeros initializers): with a zero hidden kernel and a zero output kernel the hidden ReLU units output relu(0)=0 with zero derivative, so no gradient ever reaches either kernel and fit() can only learn the output bias (a class prior), the same dead model a zeros kernel initializer makes; the export carries whether each kernel's units are all the same, and the layers check fails as for the initializer
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras
import numpy as np

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
for weight in model.weights:
    weight.assign(np.zeros(weight.shape, "float32"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
