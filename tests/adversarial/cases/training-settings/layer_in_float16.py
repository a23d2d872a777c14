# adversarial: honest config: Dense(..., dtype='float16'), whose training gets stuck [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu", dtype="float16"), layers.Dense(10, activation="softmax", dtype="float16")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
