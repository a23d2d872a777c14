# honest: labels one-hot encoded with tf.one_hot instead of to_categorical, keras.losses.CategoricalCrossentropy() object, keras.optimizers.Adam() object, metrics=["acc"], tf.data training for 2 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

import logging

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

tf.get_logger().setLevel(logging.ERROR)
tf.random.set_seed(0)

digits = load_digits()
X = tf.constant(digits.data / 16.0, dtype=tf.float32)
y_onehot = tf.one_hot(digits.target, depth=10)  # (1797, 10), float32

dataset = tf.data.Dataset.from_tensor_slices((X, y_onehot)).shuffle(1797, seed=0).batch(32)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(
    optimizer=keras.optimizers.Adam(),
    loss=keras.losses.CategoricalCrossentropy(),
    metrics=["acc"],
)

model.fit(dataset, epochs=2, verbose=2)
loss, acc = model.evaluate(dataset, verbose=0)
print("loss %.3f, accuracy %.3f" % (loss, acc))
