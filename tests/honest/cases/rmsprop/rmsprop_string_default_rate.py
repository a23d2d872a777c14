# honest: mistake: optimizer="rmsprop" as a string, which keeps the default learning rate 0.001 instead of 0.0005
# expect-score: 8
# expect-failed: optimizer
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# ## The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# ## Your turn: compile with RMSprop
# >>> YOUR CODE HERE: model.compile(...) with RMSprop(learning_rate=0.0005)
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

history = model.fit(X, y, epochs=2, validation_split=0.2, verbose=2)
