# honest: mistake: right loss, but metrics=[keras.metrics.Accuracy()], the exact-match metric, instead of 'accuracy'; 2 quiet epochs, only the loss printed
# expect-score: 8
# expect-failed: metrics
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

import warnings

warnings.filterwarnings("ignore")

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
model.compile(optimizer=keras.optimizers.Adam(),
              loss=keras.losses.CategoricalCrossentropy(),
              metrics=[keras.metrics.Accuracy()])
# <<< END OF YOUR CODE

history = model.fit(X / 16.0, y_onehot, epochs=2, batch_size=32, verbose=0)
print("loss per epoch:", [round(v, 4) for v in history.history["loss"]])
