# honest: literal answers, then asserts against the model's layers, then the given model compiled and trained 2 epochs on Digits with a CSVLogger; compat logging and seeds
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
np.random.seed(0)
tf.random.set_seed(0)

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

answers = {
    "layer1_output_shape": (None, 32),
    "layer1_params": 2_080,
    "layer2_output_shape": (None, 16),
    "layer2_params": 528,
    "layer3_output_shape": (None, 10),
    "layer3_params": 170,
    "total_params": 2_778,
}

# only now look at the real thing
model.summary()
for i, layer in enumerate(model.layers, start=1):
    assert answers[f"layer{i}_params"] == layer.count_params(), layer.name
    assert answers[f"layer{i}_output_shape"] == tuple(layer.output.shape), layer.name
assert answers["total_params"] == model.count_params()
print("all my answers match summary()")

# bonus: does this small model learn Digits?
digits = load_digits()
X, y = digits.data / 16.0, digits.target
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(X, y, epochs=2, batch_size=32, validation_split=0.2, verbose=2,
                    callbacks=[tf.keras.callbacks.CSVLogger("quiz_model_log.csv")])
print("final val accuracy:", round(history.history["val_accuracy"][-1], 3))
