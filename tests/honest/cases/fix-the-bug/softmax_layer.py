# honest: leaves Dense(10) as it was and adds a separate layers.Softmax() layer after it
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10))
model.add(layers.Softmax())  # added: scores -> probabilities for the crossentropy loss
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
model.summary()

history = model.fit(X, y, epochs=5, batch_size=64, verbose=0)
print("accuracy after training:", history.history["accuracy"][-1])
print("probabilities of the first image sum to", model.predict(X[:1], verbose=0).sum())
