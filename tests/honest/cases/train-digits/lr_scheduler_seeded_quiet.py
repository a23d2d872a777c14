# honest: LearningRateScheduler decaying Adam's rate, seeds set, TensorFlow logging and warnings turned down
# expect-score: 10
# expect-failed: none
# measured: 98.2 %, 98.2 %, 98.2 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)
import logging
import math
import os
import random
import warnings

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
warnings.filterwarnings("ignore", category=UserWarning)

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)
tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)

SEED = 42
random.seed(SEED)
np.random.seed(SEED)
tf.random.set_seed(SEED)

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)


def schedule(epoch, lr):
    # keep the rate for 5 epochs, then let it decay
    if epoch < 5:
        return lr
    return float(lr * math.exp(-0.1))


model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.002),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])

history = model.fit(X_train, y_train, epochs=20, batch_size=64,
                    callbacks=[tf.keras.callbacks.LearningRateScheduler(schedule)], verbose=0)
print("last learning rate:", history.history["learning_rate"][-1])
print("training accuracy:", history.history["accuracy"][-1])
