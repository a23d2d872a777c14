# grader: exercise=batchnorm-dropout
# Mistake: optimizer="adam", which keeps Adam's default learning rate (0.001) instead of 0.0005.
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(128, activation="relu", input_shape=(64,)))
model.add(layers.BatchNormalization())
model.add(layers.Dropout(0.3))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.summary()
