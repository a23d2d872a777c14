# honest: tf.get_logger().setLevel('ERROR'), compile given the optimizer and loss positionally and metrics by keyword: compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import tensorflow as tf
tf.get_logger().setLevel('ERROR')

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])

print(model.optimizer.get_config()["name"], model.loss, model.metrics_names)
