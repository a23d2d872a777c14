"""Reference solution for conv-digits."""
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data.reshape(-1, 8, 8, 1) / 16.0
y = digits.target

model = models.Sequential()
model.add(layers.Conv2D(16, (3, 3), activation="relu", input_shape=(8, 8, 1)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Flatten())
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
