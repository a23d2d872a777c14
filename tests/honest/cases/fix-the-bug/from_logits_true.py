# honest: keeps the linear output and tells the loss from_logits=True instead
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# The bug: the last Dense layer has no activation, so it outputs raw scores (logits),
# but SparseCategoricalCrossentropy() assumes probabilities by default.
# Fix: tell the loss that it gets logits.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10))
model.compile(optimizer="adam",
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])

history = model.fit(X, y, epochs=5, batch_size=64, verbose=0)
print("accuracy after training:", history.history["accuracy"][-1])

# the outputs are logits now, so turn them into probabilities to look at them
probs = keras.activations.softmax(keras.ops.convert_to_tensor(model.predict(X[:3], verbose=0)))
print("predicted:", probs.numpy().argmax(axis=1), "true:", y[:3])
