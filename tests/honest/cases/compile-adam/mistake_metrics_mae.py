# honest: mistake: metrics=['mae'] instead of accuracy; otherwise right; keras.Input first, a digit shown with imshow, no training
# expect-score: 9
# expect-failed: metrics
# grader: exercise=compile-adam
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
X, y = digits.data / 16.0, digits.target

plt.imshow(digits.images[0], cmap="gray_r")
plt.title(f"this is a {y[0]}")
plt.savefig("first_digit.png")

model = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# mean absolute error tells me how far off the predictions are
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["mae"])
model.summary()
