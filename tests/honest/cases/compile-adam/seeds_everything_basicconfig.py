# honest: every seed (PYTHONHASHSEED, random, numpy, tf, tf.keras.utils.set_random_seed), logging.basicConfig with a logger, 2 epochs of training
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import os
os.environ["PYTHONHASHSEED"] = "0"

import logging
import random

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("compile_adam")

SEED = 1234
random.seed(SEED)
np.random.seed(SEED)
tf.random.set_seed(SEED)
tf.keras.utils.set_random_seed(SEED)

digits = load_digits()
X, y = digits.data, digits.target
log.info("loaded %d images of shape %s", X.shape[0], X.shape[1:])

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
log.info("model compiled with %d parameters", model.count_params())

history = model.fit(X, y, epochs=2, validation_split=0.2, verbose=0)
log.info("final val accuracy %.3f", history.history["val_accuracy"][-1])
