# honest: the stub filled in with the three strings, tf.get_logger().setLevel(logging.ERROR) added at the top
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam  (this line tells the grader which exercise this is; keep it)

import logging

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9

# The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# Your turn: compile the model
# >>> YOUR CODE HERE: call model.compile(...) with an optimizer, a loss and metrics
model.compile(optimizer="adam",
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
# <<< END OF YOUR CODE

model.summary()
