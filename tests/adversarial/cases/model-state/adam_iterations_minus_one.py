# adversarial: Adam's step counter (not in its config) set to -1: the first update's bias correction is 0/0, every weight becomes NaN on the first batch
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: optimizer-state
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
opt = keras.optimizers.Adam()
opt.iterations.assign(-1)
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
