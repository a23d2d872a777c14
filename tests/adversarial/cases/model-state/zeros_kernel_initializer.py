# adversarial: honest config: the hidden Dense has kernel_initializer="zeros" (and the output layer too): every hidden unit starts identical and gets identical gradients, so the 512-unit layer trains as a single unit (and with a zero output kernel the hidden layer gets no gradient on the first step); the layers check compares class, units, activation and regularizers/constraints, never initializers
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu", kernel_initializer="zeros"),
                          keras.layers.Dense(10, activation="softmax", kernel_initializer="zeros")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
