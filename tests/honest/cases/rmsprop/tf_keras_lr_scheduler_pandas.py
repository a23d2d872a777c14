# honest: import tensorflow as tf only, tf.keras.optimizers.RMSprop(learning_rate=0.0005), absl logging silenced, seeds, LearningRateScheduler decaying the rate over 4 epochs, history as a pandas table
# expect-score: 10
# expect-failed: none
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

import math

import numpy as np
import pandas as pd
import tensorflow as tf
from absl import logging as absl_logging
from sklearn.datasets import load_digits

absl_logging.set_verbosity(absl_logging.ERROR)
tf.keras.utils.set_random_seed(42)

digits = load_digits()
X = digits.data.astype(np.float32) / 16.0
y = digits.target

model = tf.keras.Sequential([
    tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)),
    tf.keras.layers.Dense(10, activation="softmax"),
])

model.compile(
    optimizer=tf.keras.optimizers.RMSprop(learning_rate=0.0005),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)


def exp_decay(epoch, lr):
    # start at whatever the optimizer was compiled with, then decay ~10% per epoch
    return lr if epoch == 0 else lr * math.exp(-0.1)


history = model.fit(
    X, y,
    epochs=4,
    batch_size=32,
    validation_split=0.2,
    callbacks=[tf.keras.callbacks.LearningRateScheduler(exp_decay)],
    verbose=0,
)

df = pd.DataFrame(history.history)
df.index = df.index + 1
df.index.name = "epoch"
print(df.round(4))
