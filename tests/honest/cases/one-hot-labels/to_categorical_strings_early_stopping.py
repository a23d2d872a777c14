# honest: the stub filled in with strings: optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"]; 5 epochs with EarlyStopping and a plt.show() plot
# expect-score: 10
# expect-failed: none
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_onehot = keras.utils.to_categorical(digits.target, num_classes=10)  # shape (1797, 10)
print(digits.target[:3], "->")
print(y_onehot[:3])

# ## The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# ## Your turn: compile for one-hot labels
# >>> YOUR CODE HERE: model.compile(...) with Adam, the right loss and accuracy
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
history = model.fit(X / 16.0, y_onehot, epochs=5, batch_size=32, validation_split=0.2, callbacks=[early], verbose=2)

plt.plot(history.history["loss"], "o-", label="training loss")
plt.plot(history.history["val_loss"], "o-", label="validation loss")
plt.xlabel("epoch")
plt.legend()
plt.show()
