# honest: keras.losses.BinaryCrossentropy() and keras.metrics.BinaryAccuracy() objects, keras.optimizers.Adam(learning_rate=1e-3) as `optimizer`, tf.data input, 3 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X = (digits.data / 16.0).astype("float32")
y_even = (digits.target % 2 == 0).astype("float32")

X_tr, X_te, y_tr, y_te = train_test_split(X, y_even, test_size=0.25, random_state=3)
train = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(len(X_tr)).batch(32)
test = tf.data.Dataset.from_tensor_slices((X_te, y_te)).batch(128)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(1, activation="sigmoid"))

optimizer = keras.optimizers.Adam(learning_rate=1e-3)
model.compile(optimizer=optimizer,
              loss=keras.losses.BinaryCrossentropy(),
              metrics=[keras.metrics.BinaryAccuracy()])

model.fit(train, validation_data=test, epochs=3, verbose=2)
