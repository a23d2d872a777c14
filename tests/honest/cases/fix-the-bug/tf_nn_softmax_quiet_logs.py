# honest: output activation=tf.nn.softmax, with TensorFlow's log messages turned down and a fixed seed
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)
import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # hide the oneDNN / CUDA messages

import logging

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)
keras.utils.set_random_seed(1234)

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation=tf.nn.softmax))  # was Dense(10): no softmax, so the loss got raw scores
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])

history = model.fit(X, y, epochs=5, batch_size=64, verbose=0)
print("accuracy after training: %.3f" % history.history["accuracy"][-1])
