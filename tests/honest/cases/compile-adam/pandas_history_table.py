# honest: logging.getLogger("tensorflow").setLevel(logging.ERROR), 5 epochs, pd.DataFrame(history.history) with .plot(), .describe() and .to_csv
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import logging
logging.getLogger("tensorflow").setLevel(logging.ERROR)

import pandas as pd
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data / 16.0, digits.target

df = pd.DataFrame(X)
df["label"] = y
print(df["label"].value_counts().sort_index())

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

history = model.fit(X, y, epochs=5, validation_split=0.2, batch_size=64, verbose=0)

hist = pd.DataFrame(history.history)
hist.index.name = "epoch"
print(hist.describe())
hist.to_csv("history.csv")
hist.plot(figsize=(8, 5), grid=True)
plt.gca().set_ylim(0, 1.5)
plt.savefig("history.png")
