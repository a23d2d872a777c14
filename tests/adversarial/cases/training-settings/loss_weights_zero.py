# adversarial: honest config: loss_weights=[0.0] makes the loss always 0, so nothing is learned [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 7
import keras, numpy as np
from tensorflow.keras import layers, models

# Honest config: loss_weights=0 multiplies the loss by zero, so nothing is ever learned.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"], loss_weights=[0.0])
