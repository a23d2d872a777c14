# honest: output activation=keras.activations.softmax; trains with validation_split and EarlyStopping
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug

import keras
from keras import layers, models
from sklearn.datasets import load_digits

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
# softmax turns the 10 scores into probabilities, which is what the loss below expects
model.add(layers.Dense(10, activation=keras.activations.softmax))
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])

early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
history = model.fit(X, y, epochs=5, batch_size=64, validation_split=0.2, callbacks=[early], verbose=2)

print("train accuracy:", round(history.history["accuracy"][-1], 3))
print("val accuracy:  ", round(history.history["val_accuracy"][-1], 3))
