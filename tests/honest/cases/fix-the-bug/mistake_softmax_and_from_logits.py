# honest: applies BOTH repairs: softmax on the output AND from_logits=True on the loss (softmax twice, in principle)
# expect-score: 8
# expect-failed: loss
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))  # fix 1: softmax output
# fix 2: from_logits=True, to be sure the loss handles the outputs right
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])

history = model.fit(X, y, epochs=5, batch_size=64, verbose=0)
print("accuracy after training:", history.history["accuracy"][-1])
