# adversarial: honest config: SparseCategoricalCrossentropy(ignore_class=3), so digit 3 is never learned [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 7
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(ignore_class=3), metrics=["accuracy"])
