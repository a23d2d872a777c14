# honest: a make_model() helper, trains 2 epochs, save_weights/load_weights into a fresh model that is compiled and becomes `model`
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import numpy as np
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target


def make_model():
    m = models.Sequential()
    m.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    m.add(layers.Dense(10, activation="softmax"))
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m


first = make_model()
first.fit(X, y, epochs=2, verbose=0)
first.save_weights("wide.weights.h5")

model = make_model()
model.load_weights("wide.weights.h5")

same = np.allclose(first.predict(X[:5], verbose=0), model.predict(X[:5], verbose=0))
print("weights restored:", same)
