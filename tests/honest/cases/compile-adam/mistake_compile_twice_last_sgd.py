# honest: mistake: compiled right and trained, then recompiled with SGD to compare the two optimizers, so the model ends up compiled with SGD
# expect-score: 8
# expect-failed: optimizer
# grader: exercise=compile-adam
import pandas as pd
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data / 16.0, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
initial_weights = model.get_weights()

results = {}
for name in ["adam", "sgd"]:
    model.set_weights(initial_weights)
    model.compile(optimizer=name, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    h = model.fit(X, y, epochs=2, validation_split=0.2, verbose=0)
    results[name] = h.history["val_accuracy"]

print(pd.DataFrame(results))
