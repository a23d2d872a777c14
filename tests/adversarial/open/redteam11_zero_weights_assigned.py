# adversarial: every weight of the built model is assign()ed zeros after building (the layers' configs still name Glorot/zeros initializers, and weight values are not part of the export): with a zero hidden kernel and a zero output kernel the hidden ReLU units output relu(0)=0 with zero derivative, so no gradient ever reaches either kernel and fit() can only learn the output bias (a class prior), the same dead model the zeros-initializer case is refused for
# expect-status: error
# expect-kind: tampered
# expect-max-score: 8
import keras
import numpy as np

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
for weight in model.weights:
    weight.assign(np.zeros(weight.shape, "float32"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
