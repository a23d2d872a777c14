# honest: blames the optimizer: lowers Adam's learning rate and trains longer, but the output still has no softmax while the loss expects probabilities
# expect-score: 1
# expect-failed: behaviour, loss
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10))
# I think the learning rate was too high, so the loss jumped around: use a smaller one
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0001),
              loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])

history = model.fit(X, y, epochs=5, batch_size=32, verbose=0)
print("accuracy after training:", history.history["accuracy"][-1])
