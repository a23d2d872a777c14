# honest: first compiled with SGD by mistake and trained 2 epochs, then recompiled with Adam / sparse categorical cross-entropy / accuracy and trained 2 more
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data / 16.0, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# first attempt
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
h1 = model.fit(X, y, epochs=2, verbose=0)
print("sgd :", h1.history["accuracy"])

# the exercise says Adam -> compile again
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
h2 = model.fit(X, y, epochs=2, verbose=0)
print("adam:", h2.history["accuracy"])
