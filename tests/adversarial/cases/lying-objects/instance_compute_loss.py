# adversarial: a per-instance model.compute_loss that trains on a label-free loss [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: model-methods
import keras, numpy as np
from tensorflow.keras import layers, models

# model.compute_loss instance attribute: trains on MSE regardless of the compiled loss.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
def compute_loss(x=None, y=None, y_pred=None, sample_weight=None, training=True):
    return keras.ops.mean(keras.ops.square(y_pred))
model.compute_loss = compute_loss
