# honest: mistake: loss='categorical_crossentropy' for the integer labels (no training, so it never hits the shape error)
# expect-score: 7
# expect-failed: loss
# grader: exercise=compile-adam
import logging
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# 10 classes -> categorical cross-entropy
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])

model.summary()
