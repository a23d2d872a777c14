# honest: Kaggle-style notebook export: pandas/numpy imports, logging.getLogger("tensorflow"), functional model with a name, clear_session, a custom Callback, 2 epochs, evaluate, clone_model
# expect-score: 10
# expect-failed: none
# grader: exercise=build-wide-model

# This Python 3 environment comes with many helpful analytics libraries installed
import numpy as np  # linear algebra
import pandas as pd  # data processing
import logging
import warnings

warnings.filterwarnings("ignore")
logging.getLogger("tensorflow").setLevel(logging.ERROR)

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
df = pd.DataFrame(digits.data)
df["label"] = digits.target
print(df.shape)
print(df["label"].value_counts().sort_index().to_dict())

X = df.drop(columns="label").values.astype(np.float32) / 16.0
y = df["label"].values
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7)

keras.backend.clear_session()

inp = keras.Input(shape=(64,), name="image")
hidden = layers.Dense(512, activation="relu", name="hidden")(inp)
out = layers.Dense(10, activation="softmax", name="out")(hidden)
model = keras.Model(inputs=inp, outputs=out, name="wide_digits")
model.summary()


class EpochPrinter(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        print(f"epoch {epoch + 1}: loss={logs.get('loss', 0):.4f} acc={logs.get('accuracy', 0):.3f}")


model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_tr, y_tr, epochs=2, batch_size=32, verbose=0, callbacks=[EpochPrinter()])
loss, acc = model.evaluate(X_te, y_te, verbose=0)
print(f"test accuracy: {acc:.3f}")

# same architecture for a later experiment
model_copy = keras.models.clone_model(model)
print("copy:", model_copy.count_params())
