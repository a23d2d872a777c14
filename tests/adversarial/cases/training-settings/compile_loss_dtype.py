# adversarial: compile()'s CompileLoss gets _dtype "int32": it casts every loss value to an integer before training differentiates it, so no gradient flows; nothing saves a CompileLoss's dtype
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._compile_loss._dtype = "int32"
