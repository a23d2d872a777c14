# honest: answers computed with hand-written arithmetic in named variables (inputs * units + units), total as their sum, printed next to the summary
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz

import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

import logging
import tensorflow as tf
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# Dense: one weight per (input, unit) pair plus one bias per unit
n_in = 64
l1 = n_in * 32 + 32   # first hidden layer
l2 = 32 * 16 + 16     # second hidden layer
l3 = 16 * 10 + 10     # output layer

answers = {
    "layer1_output_shape": (None, 32),
    "layer1_params": l1,
    "layer2_output_shape": (None, 16),
    "layer2_params": l2,
    "layer3_output_shape": (None, 10),
    "layer3_params": l3,
    "total_params": l1 + l2 + l3,
}

for key, value in answers.items():
    print(f"{key:22s} {value}")

model.summary()
