"""Reference solution for fix-the-bug: the output layer gets its softmax back."""
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
