# adversarial: honest config: kernel_constraint=MaxNorm(0) zeroes the hidden kernel after every update [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras, numpy as np
from tensorflow.keras import layers, models

# Honest config: the hidden kernel has a MaxNorm(0) constraint, so after every update the kernel is zeroed.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,), kernel_constraint=keras.constraints.MaxNorm(0.0)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
