# grader: exercise=conv-digits
# Mistake: categorical_crossentropy, which expects one-hot labels, with the integer labels 0-9.
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
X = digits.data.reshape(-1, 8, 8, 1) / 16.0
y = digits.target

model = keras.Sequential([
    keras.Input(shape=(8, 8, 1)),
    layers.Conv2D(16, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.summary()
