# honest: mistake: SGD with the right learning rate but no momentum argument (momentum stays 0.0)
# expect-score: 8
# expect-failed: optimizer
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# ## The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# ## Your turn: compile with SGD and momentum
# >>> YOUR CODE HERE: model.compile(...) with SGD(learning_rate=0.01, momentum=0.9)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
# <<< END OF YOUR CODE

model.fit(X / 16.0, y, epochs=3, batch_size=32, verbose=2)
