# honest: tf.data pipelines (shuffle, batch, prefetch) for training and for a validation set split off X_train, fit() on the datasets
# expect-score: 10
# expect-failed: none
# measured: 97.3 %, 97.6 %, 97.3 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

# my own validation set, out of the training data
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.15, random_state=1, stratify=y_train)

AUTOTUNE = tf.data.AUTOTUNE
train_ds = (tf.data.Dataset.from_tensor_slices((X_tr, y_tr))
            .shuffle(buffer_size=len(X_tr), reshuffle_each_iteration=True)
            .batch(32)
            .prefetch(AUTOTUNE))
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(128).prefetch(AUTOTUNE)

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Rescaling(1.0 / 16.0),
    layers.Dense(512, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=20, verbose=2)

val_loss, val_acc = model.evaluate(val_ds, verbose=0)
print(f"validation accuracy: {val_acc:.2%}")
