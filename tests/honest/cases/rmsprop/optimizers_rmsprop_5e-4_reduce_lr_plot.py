# honest: `from tensorflow.keras import optimizers`, optimizers.RMSprop(learning_rate=5e-4), seeded, 5 epochs with ReduceLROnPlateau on val_accuracy (it lowers the rate during the run) + EarlyStopping, history plotted with plt.savefig
# expect-score: 10
# expect-failed: none
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

import logging
import warnings

import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import callbacks, layers, models, optimizers, utils

warnings.filterwarnings("ignore")
logging.getLogger("tensorflow").setLevel(logging.ERROR)
utils.set_random_seed(0)

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9
X_train, X_test, y_train, y_test = train_test_split(X / 16.0, y, test_size=0.25, random_state=7)

# ## The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# ## Your turn: compile with RMSprop
# >>> YOUR CODE HERE: model.compile(...) with RMSprop(learning_rate=0.0005)
model.compile(optimizer=optimizers.RMSprop(learning_rate=5e-4),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
# <<< END OF YOUR CODE

history = model.fit(
    X_train, y_train,
    validation_split=0.15,
    epochs=5,
    batch_size=32,
    verbose=2,
    callbacks=[
        callbacks.ReduceLROnPlateau(monitor="val_accuracy", factor=0.5, patience=1, min_delta=0.01, min_lr=1e-5, verbose=1),
        callbacks.EarlyStopping(monitor="val_loss", patience=3),
    ],
)

plt.figure(figsize=(6, 4))
plt.plot(history.history["accuracy"], label="train acc")
plt.plot(history.history["val_accuracy"], label="val acc")
plt.xlabel("epoch")
plt.ylabel("accuracy")
plt.title("RMSprop, lr = 5e-4")
plt.legend()
plt.tight_layout()
plt.savefig("rmsprop_accuracy.png", dpi=100)

print("learning rate per epoch:", history.history["learning_rate"])
print("test:", model.evaluate(X_test, y_test, verbose=0))
