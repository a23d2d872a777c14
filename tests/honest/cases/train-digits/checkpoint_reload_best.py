# honest: ModelCheckpoint keeps the epoch with the lowest val_loss in best.keras, then model = keras.models.load_model("best.keras")
# expect-score: 10
# expect-failed: none
# measured: 97.3 %, 98.0 %, 97.8 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

model = models.Sequential()
model.add(layers.Input(shape=(64,)))
model.add(layers.Rescaling(1 / 16.0))
model.add(layers.Dense(512, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

checkpoint = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True, verbose=0)
model.fit(X_train, y_train, epochs=30, batch_size=32, validation_split=0.1, callbacks=[checkpoint], verbose=0)

# go back to the best epoch
model = keras.models.load_model("best.keras")
loss, acc = model.evaluate(X_train, y_train, verbose=0)
print(f"best model, accuracy on the training data: {acc:.3f}")
