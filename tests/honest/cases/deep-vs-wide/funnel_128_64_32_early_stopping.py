# honest: funnel 128-64-32 (18,986 params, just under the budget) as a Sequential list, compiled with Adam()/SparseCategoricalCrossentropy() objects and metrics=["acc"], 5 epochs with EarlyStopping, pandas history and a plot
# expect-score: 10
# expect-failed: none
# grader: exercise=deep-vs-wide

import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

import matplotlib.pyplot as plt
import pandas as pd
import keras
from keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(7)

digits = load_digits()
X, y = digits.data / 16.0, digits.target
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)

wide = keras.Sequential([
    layers.Dense(512, activation="relu", input_shape=(64,)),
    layers.Dense(10, activation="softmax"),
])
wide.summary()

# deeper & narrower: 64 -> 128 -> 64 -> 32 -> 10
model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(128, activation="relu"),   # 8,320
    layers.Dense(64, activation="relu"),    # 8,256
    layers.Dense(32, activation="relu"),    # 2,080
    layers.Dense(10, activation="softmax"), #   330
])
model.compile(
    optimizer=keras.optimizers.Adam(),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=["acc"],
)
model.summary()
assert model.count_params() <= 20_000, model.count_params()

history = model.fit(
    X_train, y_train,
    validation_split=0.1,
    epochs=5,
    batch_size=32,
    callbacks=[keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True)],
    verbose=2,
)
hist = pd.DataFrame(history.history)
hist["epoch"] = history.epoch
print(hist.tail())

test_loss, test_acc = model.evaluate(X_test, y_test, verbose=0)
print(f"held-out accuracy: {test_acc:.3f}")

hist.plot(x="epoch", y=["acc", "val_acc"])
plt.title("128-64-32 model")
plt.savefig("deep_accuracy.png", dpi=80)
