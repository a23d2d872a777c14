# honest: the stub filled in: Dense(1, activation="sigmoid"), "adam", "binary_crossentropy", ["accuracy"]; labels remade with (y % 2 == 0).astype(int); 5 epochs with EarlyStopping
# expect-score: 10
# expect-failed: none
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

import numpy as np
from sklearn.datasets import load_digits
from tensorflow.keras import callbacks, layers, models

digits = load_digits()
X = digits.data
y = digits.target
y_even = (y % 2 == 0).astype(int)  # 1 for an even digit, 0 for an odd one
print("share of even digits:", y_even.mean().round(3))

# ## The hidden layer (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# ## Your turn: the output layer and the compile call
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
model.add(layers.Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.summary()

stop = callbacks.EarlyStopping(monitor="val_accuracy", patience=2, restore_best_weights=True)
model.fit(X / 16.0, y_even, epochs=5, batch_size=32, validation_split=0.2, callbacks=[stop], verbose=2)

p_even = model.predict(X[:8] / 16.0, verbose=0).ravel()
for digit, p in zip(y[:8], p_even):
    print(f"digit {digit}: P(even) = {p:.2f}")
print("predicted even:", np.round(p_even).astype(int))
