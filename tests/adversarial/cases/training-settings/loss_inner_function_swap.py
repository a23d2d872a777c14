# adversarial: a SparseCategoricalCrossentropy object whose inner fn is replaced by a loss that ignores the labels (fn is not in its config) [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras, numpy as np
from tensorflow.keras import layers, models

# Loss object is SparseCategoricalCrossentropy by class/config, but its .fn is replaced: it ignores the labels.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
loss = keras.losses.SparseCategoricalCrossentropy()
loss.fn = lambda y_true, y_pred: keras.ops.mean(keras.ops.square(y_pred), axis=-1)
loss._fn_kwargs = {}
model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
