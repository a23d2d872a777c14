# adversarial: overwrite_with_gradient=True on each weight, so the optimizer writes the gradient into the weights [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
for w in model.weights:
    w.overwrite_with_gradient = True   # optimizer assigns the gradient instead of updating
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
