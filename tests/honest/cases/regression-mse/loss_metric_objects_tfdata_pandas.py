# honest: keras.losses.MeanSquaredError() and keras.metrics.MeanAbsoluteError() objects, tf.keras.optimizers.Adam(learning_rate=0.001) as `opt`, tf.data training for 3 epochs, pandas table of the history
# expect-score: 10
# expect-failed: none
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

import logging

import pandas as pd
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

logging.getLogger("tensorflow").setLevel(logging.ERROR)

digits = load_digits()
X = (digits.data / 16.0).astype("float32")
y_value = digits.target.astype("float32")  # the digit as a number to estimate
X_tr, X_val, y_tr, y_val = train_test_split(X, y_value, test_size=0.2, random_state=11)

train_ds = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(1024, seed=11).batch(32).prefetch(tf.data.AUTOTUNE)
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(256)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(1))

opt = tf.keras.optimizers.Adam(learning_rate=0.001)
model.compile(optimizer=opt,
              loss=keras.losses.MeanSquaredError(),
              metrics=[keras.metrics.MeanAbsoluteError()])

history = model.fit(train_ds, validation_data=val_ds, epochs=3, verbose=0)
print(pd.DataFrame(history.history).rename_axis("epoch").round(3))
