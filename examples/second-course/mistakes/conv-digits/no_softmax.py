# grader: exercise=conv-digits
# Mistake: the output Dense layer has no activation (raw scores), but the loss is left with
# from_logits=False, so it takes the scores for probabilities.
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
X = digits.data.reshape(-1, 8, 8, 1) / 16.0
y = digits.target

model = keras.Sequential()
model.add(layers.Conv2D(16, kernel_size=3, activation="relu", input_shape=(8, 8, 1)))
model.add(layers.MaxPooling2D(pool_size=2))
model.add(layers.Flatten())
model.add(layers.Dense(10))
model.compile(optimizer="adam",
              loss=keras.losses.SparseCategoricalCrossentropy(),
              metrics=["accuracy"])
