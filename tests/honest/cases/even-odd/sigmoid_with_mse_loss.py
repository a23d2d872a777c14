# honest: mistake: right sigmoid output, but loss="mse" ("the label is a number 0 or 1"); accuracy reported; 2 epochs
# expect-score: 6
# expect-failed: loss
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

tf.get_logger().setLevel("ERROR")

digits = load_digits()
X = digits.data
y_even = (digits.target % 2 == 0).astype("int32")  # 1 for an even digit, 0 for an odd one

# ## The hidden layer (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# ## Your turn: the output layer and the compile call
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
model.add(layers.Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.fit(X / 16.0, y_even, epochs=2, verbose=2)
