# honest: shows a digit with plt.imshow, trains 5 epochs with validation_split, plots loss and accuracy curves from history.history, savefig then plt.show()
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

plt.figure(figsize=(2, 2))
plt.imshow(digits.images[0], cmap="gray_r")
plt.title(f"label: {digits.target[0]}")
plt.axis("off")

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

history = model.fit(X, y, epochs=5, validation_split=0.2, verbose=0)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(history.history["loss"], label="train")
ax1.plot(history.history["val_loss"], label="validation")
ax1.set_title("Loss")
ax1.set_xlabel("epoch")
ax1.legend()
ax2.plot(history.history["accuracy"], label="train")
ax2.plot(history.history["val_accuracy"], label="validation")
ax2.set_title("Accuracy")
ax2.set_xlabel("epoch")
ax2.legend()
plt.tight_layout()
plt.savefig("curve.png")
plt.show()
