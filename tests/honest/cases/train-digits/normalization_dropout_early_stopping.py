# honest: adapted Normalization layer first, Dropout, EarlyStopping(restore_best_weights=True) on a validation split
# expect-score: 10
# expect-failed: none
# measured: 97.3 %, 97.3 %, 97.6 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

# standardise each pixel with the training set's mean and variance, inside the model
norm = layers.Normalization()
norm.adapt(X_train)

model = models.Sequential([
    keras.Input(shape=(64,)),
    norm,
    layers.Dense(256, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

early_stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)
history = model.fit(X_train, y_train, validation_split=0.1, epochs=30, batch_size=32,
                    callbacks=[early_stop], verbose=0)
print(f"stopped after {len(history.history['loss'])} epochs, "
      f"best val_loss {min(history.history['val_loss']):.4f}")
