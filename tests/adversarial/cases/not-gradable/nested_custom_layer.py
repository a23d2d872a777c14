# adversarial: custom Layer subclass hidden inside a nested Sequential, plus a per-instance model.get_config [found by red-teaming the export]
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 0
import keras, numpy as np
from tensorflow.keras import layers, models

# A custom Layer subclass (refused at top level) hidden inside a nested Sequential; the outer model's
# instance get_config reports the reference architecture. The custom layer ignores its input.
class Junk(keras.layers.Layer):
    def __init__(self, units, **kw):
        super().__init__(**kw); self.units = units
    def build(self, shape):
        self.kernel = self.add_weight(shape=(shape[-1], self.units)); self.bias = self.add_weight(shape=(self.units,))
    def call(self, x):
        return keras.ops.zeros_like(keras.ops.matmul(x, self.kernel)) + self.bias
inner = models.Sequential([keras.Input((64,)), Junk(512), Junk(10)])
model = models.Sequential([keras.Input((64,)), inner])
ref = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
cfg = ref.get_config(); del ref
model.get_config = lambda: cfg
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print([type(l).__name__ for l in model.layers])
