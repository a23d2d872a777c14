# honest: tf.keras.optimizers.SGD(0.01, 0.9) positionally, seeds set, LearningRateScheduler halving the rate during a 3-epoch run
# expect-score: 10
# expect-failed: none
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)

from __future__ import print_function

import random

import numpy as np
import tensorflow as tf
from six.moves import range
from sklearn.datasets import load_digits

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)

SEED = 1234
random.seed(SEED)
np.random.seed(SEED)
tf.random.set_seed(SEED)

digits = load_digits()
X, y = digits.data.astype("float32"), digits.target

model = tf.keras.models.Sequential()
model.add(tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(tf.keras.layers.Dense(10, activation="softmax"))

# SGD(learning_rate, momentum) -- the first two arguments, in that order
model.compile(optimizer=tf.keras.optimizers.SGD(0.01, 0.9),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])


def schedule(epoch, lr):
    """keep the rate for the first epoch, then halve it each epoch"""
    if epoch < 1:
        return lr
    return lr * 0.5


lr_cb = tf.keras.callbacks.LearningRateScheduler(schedule, verbose=1)
hist = model.fit(X / 16.0, y, epochs=3, batch_size=64, validation_split=0.2, callbacks=[lr_cb], verbose=0)

for i in range(len(hist.history["loss"])):
    print("epoch %d  loss %.4f  acc %.4f  val_acc %.4f" % (
        i + 1, hist.history["loss"][i], hist.history["accuracy"][i], hist.history["val_accuracy"][i]))
