# honest: optimizer built with keras.optimizers.get({"class_name": "RMSprop", ...}) into `opt`, loss as tf.keras.losses.sparse_categorical_crossentropy (the function), 'acc', trained on a tf.data pipeline for 2 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

BATCH = 64
ds = (tf.data.Dataset.from_tensor_slices((X.astype("float32") / 16.0, y))
      .shuffle(2000, seed=1)
      .batch(BATCH)
      .prefetch(tf.data.AUTOTUNE))

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

opt = keras.optimizers.get({"class_name": "RMSprop", "config": {"learning_rate": 0.0005}})
print(type(opt).__name__, opt.get_config()["learning_rate"])

model.compile(optimizer=opt,
              loss=tf.keras.losses.sparse_categorical_crossentropy,
              metrics=["acc"])

model.fit(ds, epochs=2, verbose=2)
