# adversarial: Dense(512, sigmoid) with a per-instance get_config that reports relu [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
# expect-findings: model-methods
import keras, numpy as np
from tensorflow.keras import layers, models

# Hidden layer sigmoid; instance-level get_config reports relu.
model = models.Sequential()
model.add(layers.Dense(512, activation="sigmoid", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
l = model.layers[0]
_orig = l.get_config
def get_config():
    c = _orig(); c["activation"] = "relu"; return c
l.get_config = get_config
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
