# adversarial: Adam(learning_rate=10) with a per-instance get_config that reports 0.001 [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
# expect-findings: model-methods
import keras, numpy as np
from tensorflow.keras import layers, models

# Adam with learning_rate=10 (diverges) whose instance get_config reports 0.001.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
opt = keras.optimizers.Adam(learning_rate=10.0)
_orig = opt.get_config
def get_config():
    c = _orig(); c["learning_rate"] = 0.001; return c
opt.get_config = get_config
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print("real lr", float(opt.learning_rate.numpy()))
