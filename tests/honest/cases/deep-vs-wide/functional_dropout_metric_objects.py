# honest: functional API with Dropout between two hidden Dense layers (96 and 64, 13,098 params), loss given as the keras.losses function and a SparseCategoricalAccuracy metric object, warnings/logging silenced
# expect-score: 10
# expect-failed: none
# grader: exercise=deep-vs-wide

import logging
import warnings

warnings.filterwarnings("ignore")
logging.getLogger("tensorflow").setLevel(logging.ERROR)

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

tf.random.set_seed(0)

digits = load_digits()
X, y = digits.data, digits.target

# the wide model, for comparison
wide = models.Sequential()
wide.add(layers.Dense(512, activation="relu", input_shape=(64,)))
wide.add(layers.Dense(10, activation="softmax"))
wide.summary()

# my deeper, narrower model
inputs = keras.Input(shape=(64,), name="pixels")
x = layers.Dense(96, activation="relu", name="hidden1")(inputs)
x = layers.Dropout(0.2)(x)
x = layers.Dense(64, activation="relu", name="hidden2")(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(10, activation="softmax", name="digit")(x)
model = keras.Model(inputs, outputs, name="deep_narrow")

model.compile(
    optimizer="adam",
    loss=keras.losses.sparse_categorical_crossentropy,
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)
model.summary()

# where do the parameters go?
for layer in model.layers:
    if layer.count_params():
        print(f"{layer.name:10s} {layer.count_params():6d}")
print("deep total:", model.count_params(), "vs wide total:", wide.count_params())
