# honest: mistake: kept sparse_categorical_crossentropy from the previous exercise although the labels are one-hot now (only compiled, not trained)
# expect-score: 5
# expect-failed: loss
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_onehot = keras.utils.to_categorical(digits.target, num_classes=10)  # shape (1797, 10)

# ## The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# ## Your turn: compile for one-hot labels
# >>> YOUR CODE HERE: model.compile(...) with Adam, the right loss and accuracy
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.summary()
