# honest: the stub filled in: Dense(1), "adam", "mse", ["mae"]; 5 epochs with EarlyStopping, loss and MAE curves saved with plt.savefig
# expect-score: 10
# expect-failed: none
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from tensorflow.keras import callbacks, layers, models

digits = load_digits()
X = digits.data
y_value = digits.target.astype("float32")  # the digit as a number to estimate

# ## The hidden layer (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# ## Your turn: a linear output and the compile call
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
model.add(layers.Dense(1))  # no activation -> linear, any number can come out
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
# <<< END OF YOUR CODE

history = model.fit(X / 16.0, y_value, epochs=5, batch_size=32, validation_split=0.2, verbose=2,
                    callbacks=[callbacks.EarlyStopping(monitor="val_mae", patience=2, restore_best_weights=True)])

fig, axes = plt.subplots(1, 2, figsize=(9, 3.5))
axes[0].plot(history.history["loss"], label="train")
axes[0].plot(history.history["val_loss"], label="val")
axes[0].set_title("MSE")
axes[1].plot(history.history["mae"], label="train")
axes[1].plot(history.history["val_mae"], label="val")
axes[1].set_title("MAE (digits)")
for ax in axes:
    ax.set_xlabel("epoch")
    ax.legend()
fig.savefig("regression_curves.png", bbox_inches="tight")
print("last val MAE: %.2f digits" % history.history["val_mae"][-1])
