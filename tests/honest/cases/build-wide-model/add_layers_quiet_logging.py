# honest: reference-style Sequential built with .add, TF logging silenced first, summary and count_params printed
# expect-score: 10
# expect-failed: none
# grader: exercise=build-wide-model  (this line tells the grader which exercise this is; keep it)

import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # hide the CUDA / oneDNN chatter

import logging

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9
print("data:", X.shape, y.shape)

# >>> YOUR CODE HERE: build the two-layer model and assign it to `model`
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))  # 64*512 + 512 = 33,280
model.add(layers.Dense(10, activation="softmax"))                   # 512*10 + 10  =  5,130
# <<< END OF YOUR CODE

model.summary()
print("total parameters:", model.count_params())  # should be 38410
