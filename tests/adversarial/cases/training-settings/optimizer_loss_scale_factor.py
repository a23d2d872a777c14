# adversarial: honest config: Adam(loss_scale_factor=1e-45), NaN from the first step [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(loss_scale_factor=1e-45), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
