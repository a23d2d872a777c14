# adversarial: a per-instance model.get_config returning the reference config for a sigmoid-then-linear model [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 6
# expect-findings: model-methods
import keras, numpy as np
from tensorflow.keras import layers, models

# Real model: Dense(512, sigmoid) -> Dense(10, linear); model-level instance get_config reports the reference architecture.
model = models.Sequential()
model.add(layers.Dense(512, activation="sigmoid", input_shape=(64,)))
model.add(layers.Dense(10))
ref = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
cfg = ref.get_config()
model.get_config = lambda: cfg
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
del ref
