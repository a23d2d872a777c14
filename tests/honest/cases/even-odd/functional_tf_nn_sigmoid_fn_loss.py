# honest: functional API with activation=tf.nn.relu / tf.nn.sigmoid, loss tf.keras.losses.binary_crossentropy (the function), metrics=["acc"], Adam() object; absl logging; compiled only, then one predict
# expect-score: 10
# expect-failed: none
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

import absl.logging
import tensorflow as tf
from sklearn.datasets import load_digits

absl.logging.set_verbosity(absl.logging.ERROR)

digits = load_digits()
X = digits.data
y_even = (digits.target % 2 == 0).astype("int32")  # 1 for an even digit, 0 for an odd one

inputs = tf.keras.Input(shape=(64,))
hidden = tf.keras.layers.Dense(512, activation=tf.nn.relu)(inputs)
p_even = tf.keras.layers.Dense(1, activation=tf.nn.sigmoid)(hidden)
model = tf.keras.Model(inputs=inputs, outputs=p_even)

model.compile(optimizer=tf.keras.optimizers.Adam(),
              loss=tf.keras.losses.binary_crossentropy,
              metrics=["acc"])

model.summary()
print(model.predict(X[:3], verbose=0))  # untrained: around 0.5
