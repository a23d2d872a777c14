# honest: mistake: linear output and mse are right, but metrics=["accuracy"] (out of habit) instead of the mean absolute error; 2 epochs with a custom Callback
# expect-score: 8
# expect-failed: metrics
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_value = digits.target.astype("float32")  # the digit as a number to estimate


class LossPrinter(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        print("epoch", epoch + 1, "mse", round(logs["loss"], 3))


# ## The hidden layer (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# ## Your turn: a linear output and the compile call
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
model.add(layers.Dense(1))
model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.fit(X / 16.0, y_value, epochs=2, verbose=0, callbacks=[LossPrinter()])
