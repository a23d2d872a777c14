# honest: SGD(learning_rate=0.01, momentum=0.9) by keyword, trained 4 epochs with ReduceLROnPlateau and EarlyStopping
# expect-score: 10
# expect-failed: none
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)

import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # hide the oneDNN / CUDA chatter

import logging

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9
X = X / 16.0  # pixels are 0..16

X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)

# ## The wide model (given)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# ## Your turn: compile with SGD and momentum
# >>> YOUR CODE HERE: model.compile(...) with SGD(learning_rate=0.01, momentum=0.9)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
# <<< END OF YOUR CODE

model.summary()

# a quick sanity run: lower the learning rate if the validation loss stalls
callbacks = [
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1, min_lr=1e-4, verbose=1),
    keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True),
]
history = model.fit(X_train, y_train, validation_data=(X_val, y_val),
                    epochs=4, batch_size=32, callbacks=callbacks, verbose=2)

val_loss, val_acc = model.evaluate(X_val, y_val, verbose=0)
print(f"validation accuracy: {val_acc:.3f}")
