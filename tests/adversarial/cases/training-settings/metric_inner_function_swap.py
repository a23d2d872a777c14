# adversarial: a SparseCategoricalAccuracy object whose inner function is top-5 accuracy [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras, numpy as np
from tensorflow.keras import layers, models

# Metric object of class SparseCategoricalAccuracy whose _fn is top-5 accuracy (not in its config).
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
m = keras.metrics.SparseCategoricalAccuracy()
m._fn = keras.metrics.sparse_top_k_categorical_accuracy
m._fn_kwargs = {"k": 5}
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=[m])
