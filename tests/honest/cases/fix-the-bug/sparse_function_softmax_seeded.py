# honest: softmax on the output and the loss written as the function keras.losses.sparse_categorical_crossentropy, seeded, 3 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

import numpy as np
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

keras.utils.set_random_seed(0)

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss=keras.losses.sparse_categorical_crossentropy, metrics=["accuracy"])

history = model.fit(X, y, epochs=3, batch_size=64, verbose=1)
print("accuracy after training:", history.history["accuracy"][-1])

predicted = np.argmax(model.predict(X[:10], verbose=0), axis=1)
print("first ten predictions:", predicted)
print("first ten labels:     ", y[:10])
