# grader: exercise=compile-adam
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Dense(256, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
