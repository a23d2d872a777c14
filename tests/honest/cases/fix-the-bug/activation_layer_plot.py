# honest: adds layers.Activation("softmax") after the output Dense layer and plots the training curves
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10))
model.add(layers.Activation("softmax"))
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])

history = model.fit(X, y, epochs=5, batch_size=64, validation_split=0.25, verbose=0)
print("accuracy after training:", history.history["accuracy"][-1])

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(history.history["loss"], label="train")
ax1.plot(history.history["val_loss"], label="validation")
ax1.set_title("loss")
ax1.set_xlabel("epoch")
ax1.legend()
ax2.plot(history.history["accuracy"], label="train")
ax2.plot(history.history["val_accuracy"], label="validation")
ax2.set_title("accuracy")
ax2.set_xlabel("epoch")
ax2.legend()
plt.tight_layout()
plt.show()
