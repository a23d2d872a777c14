# adversarial: a constraint that zeroes the kernel, set on the variable itself [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
for l in model.layers:
    l.kernel.constraint = keras.ops.zeros_like   # applied by the optimizer after every step
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
