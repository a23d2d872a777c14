# adversarial: the loss object given to compile() gets _dtype "bfloat16", which its config leaves out: every loss value is computed in bfloat16 (three significant digits), while the record reads SparseCategoricalCrossentropy as usual
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"), keras.layers.Dense(10, activation="softmax")])
loss = keras.losses.SparseCategoricalCrossentropy()
loss._dtype = "bfloat16"
model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
