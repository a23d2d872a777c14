# adversarial: object.__setattr__ sets a Dense layer's bias to None, so the tracked bias is never used [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state,variables
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
object.__setattr__(model.layers[1], "bias", None)
object.__setattr__(model.layers[0], "bias", None)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
