# honest: TF_CPP_MIN_LOG_LEVEL set before importing TF, warnings ignored, seeds, keras.Input first, Adam(learning_rate=0.001), EarlyStopping fit and evaluate
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam

import os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # hide the TF info spam

import warnings
warnings.filterwarnings("ignore")

import numpy as np
import tensorflow as tf
from tensorflow import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

np.random.seed(42)
tf.random.set_seed(42)

digits = load_digits()
X, y = digits.data / 16.0, digits.target
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
history = model.fit(X_train, y_train, epochs=5, batch_size=32,
                    validation_split=0.2, callbacks=[early], verbose=0)

test_loss, test_acc = model.evaluate(X_test, y_test, verbose=0)
print(f"test accuracy: {test_acc:.3f}")
