# honest: absl.logging.set_verbosity(absl.logging.ERROR), from six.moves import range and import six (old course template), compile with the three strings
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
from __future__ import absolute_import, division, print_function

import absl.logging
absl.logging.set_verbosity(absl.logging.ERROR)

import six
from six.moves import range

import numpy as np
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

print("Python 3:", six.PY3)

digits = load_digits()
X, y = digits.data, digits.target

# look at a few labels
for i in range(5):
    print("sample", i, "is a", y[i])

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam",
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

model.summary()
print("classes:", np.unique(y))
