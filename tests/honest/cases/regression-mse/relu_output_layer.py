# honest: mistake: output layer Dense(1, activation="relu") ("digits are never negative") instead of a linear output; loss and metric right; 3 epochs
# expect-score: 9
# expect-failed: layers
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_value = digits.target.astype("float32")  # the digit as a number to estimate

# ## The hidden layer (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# ## Your turn: a linear output and the compile call
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
model.add(layers.Dense(1, activation="relu"))  # targets are 0..9, never negative
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
# <<< END OF YOUR CODE

model.fit(X / 16.0, y_value, epochs=3, verbose=2)
