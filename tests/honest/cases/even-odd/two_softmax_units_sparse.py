# honest: mistake: treats even/odd as two classes: Dense(2, activation="softmax") with sparse_categorical_crossentropy (trains fine, but not the one-sigmoid model asked for)
# expect-score: 3.5
# expect-failed: loss, layers, params
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_even = (digits.target % 2 == 0).astype("int32")  # 1 for an even digit, 0 for an odd one

# ## The hidden layer (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# ## Your turn: the output layer and the compile call
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
# two classes (odd = 0, even = 1), so two output units with softmax
model.add(layers.Dense(2, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.fit(X / 16.0, y_even, epochs=3, batch_size=32, validation_split=0.2, verbose=2)
