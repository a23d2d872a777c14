# honest: raw pixels, balanced class weights from sklearn, a linear output with SparseCategoricalCrossentropy(from_logits=True)
# expect-score: 10
# expect-failed: none
# measured: 98.4 %, 97.6 %, 98.4 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.utils.class_weight import compute_class_weight
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

print("images per digit:", np.bincount(y_train))
weights = compute_class_weight(class_weight="balanced", classes=np.unique(y_train), y=y_train)
class_weight = {int(c): float(w) for c, w in zip(np.unique(y_train), weights)}

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10))  # logits; the loss applies the softmax itself
model.compile(optimizer="adam",
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(X_train, y_train, epochs=20, batch_size=64, class_weight=class_weight, verbose=0)
print("train accuracy:", model.evaluate(X_train, y_train, verbose=0)[1])
