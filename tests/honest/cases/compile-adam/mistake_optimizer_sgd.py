# honest: mistake: optimizer='sgd' (confused with the previous lesson), with seeds, warnings ignored and a 3-epoch fit
# expect-score: 8
# expect-failed: optimizer
# grader: exercise=compile-adam
import warnings
warnings.filterwarnings("ignore")

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

np.random.seed(0)
tf.random.set_seed(0)

digits = load_digits()
X, y = digits.data / 16.0, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(X, y, epochs=3, validation_split=0.2, verbose=0)
print(history.history["val_accuracy"])
