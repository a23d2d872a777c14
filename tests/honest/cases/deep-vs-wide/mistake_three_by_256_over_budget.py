# honest: MISTAKE: "deeper" taken as three hidden layers of 256: 150,794 parameters, far over the 20,000 budget; compiled correctly
# expect-score: 8.5
# expect-failed: budget
# grader: exercise=deep-vs-wide  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

wide = models.Sequential()
wide.add(layers.Dense(512, activation="relu", input_shape=(64,)))
wide.add(layers.Dense(10, activation="softmax"))
wide.summary()

# >>> YOUR CODE HERE: build and compile `model`
model = models.Sequential()
model.add(layers.Dense(256, activation="relu", input_shape=(64,)))
model.add(layers.Dense(256, activation="relu"))
model.add(layers.Dense(256, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.summary()
