# adversarial: object.__setattr__ replaces a Dense layer's kernel by an untracked all-zero variable [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
d = model.layers[0]
object.__setattr__(d, "_kernel", keras.ops.zeros((64, 512)))   # tracked kernel stays in weights, unused
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
