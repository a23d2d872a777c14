"""Reference solution for deep-vs-wide: two hidden layers of 64 units, 8,970 parameters."""
from tensorflow.keras import layers, models

wide = models.Sequential()
wide.add(layers.Dense(512, activation="relu", input_shape=(64,)))
wide.add(layers.Dense(10, activation="softmax"))

model = models.Sequential()
model.add(layers.Dense(64, activation="relu", input_shape=(64,)))
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
