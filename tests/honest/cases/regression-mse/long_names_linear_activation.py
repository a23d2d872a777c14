# honest: long names: Dense(1, activation="linear"), loss="mean_squared_error", metrics=["mean_absolute_error"], keras.optimizers.Adam() from `from tensorflow import keras`; warnings and TF logs silenced; 3 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

import os
import warnings

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
warnings.filterwarnings("ignore")

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras

tf.get_logger().setLevel("ERROR")
tf.random.set_seed(2024)
np.random.seed(2024)

digits = load_digits()
X = digits.data / 16.0
y_value = digits.target.astype("float32")

model = keras.Sequential()
model.add(keras.layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(keras.layers.Dense(1, activation="linear"))

model.compile(optimizer=keras.optimizers.Adam(),
              loss="mean_squared_error",
              metrics=["mean_absolute_error"])

model.fit(X, y_value, epochs=3, batch_size=32, verbose=2)

pred = model.predict(X[:5], verbose=0).ravel()
for true, guess in zip(y_value[:5], pred):
    print(f"true {true:.0f}  predicted {guess:.2f}")
