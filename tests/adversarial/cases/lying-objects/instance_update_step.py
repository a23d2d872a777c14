# adversarial: a per-instance optimizer.update_step that does nothing, so the weights never change [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: model-methods
import keras, numpy as np
from tensorflow.keras import layers, models

# Adam whose update_step is a no-op instance attribute: weights never change.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
opt = keras.optimizers.Adam()
opt.update_step = lambda gradient, variable, learning_rate: None
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
