# adversarial: an SGD subclass named Adam (module faked) under mixed_float16, so compile() wraps it in Keras' LossScaleOptimizer [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras, numpy as np
from tensorflow.keras import layers, models

# A custom optimizer class dressed as keras Adam (__module__/__name__ spoofed), used under a mixed_float16
# model so compile() wraps it in a Keras LossScaleOptimizer: the custom-class marker is skipped.
class Adam(keras.optimizers.SGD):
    def get_config(self):
        c = super().get_config(); c.pop("momentum"); c.pop("nesterov"); return c
Adam.__module__ = "keras.src.optimizers.adam"
Adam.__qualname__ = "Adam"
keras.mixed_precision.set_global_policy("mixed_float16")
model = models.Sequential()
model.add(keras.Input((64,)))
model.add(layers.Dense(512, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
opt = Adam(learning_rate=0.001)  # really plain SGD at lr 0.001
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print(type(model.optimizer).__name__, type(model.optimizer.inner_optimizer).__mro__[:2])
keras.mixed_precision.set_global_policy("float32")
