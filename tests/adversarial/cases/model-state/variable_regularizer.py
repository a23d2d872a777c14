# adversarial: an L2(100) regularizer set on the kernel variable itself, not on the layer [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
for l in model.layers:
    l.kernel.regularizer = keras.regularizers.L2(100.0)   # on the variable, not the layer's config
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
