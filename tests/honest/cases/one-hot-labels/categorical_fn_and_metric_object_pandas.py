# honest: `import tensorflow as tf`, tf.keras.losses.categorical_crossentropy (the function), Adam(learning_rate=0.001) in `opt`, metrics=[tf.keras.metrics.CategoricalAccuracy()], 3 epochs, results in a pandas table
# expect-score: 10
# expect-failed: none
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
np.random.seed(7)

digits = load_digits()
X = digits.data.astype("float32") / 16.0
Y = tf.keras.utils.to_categorical(digits.target, 10)

x_train, x_test, y_train, y_test = train_test_split(X, Y, test_size=0.2, random_state=7, stratify=digits.target)

model = tf.keras.models.Sequential()
model.add(tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(tf.keras.layers.Dense(10, activation="softmax"))

opt = tf.keras.optimizers.Adam(learning_rate=0.001)
model.compile(optimizer=opt,
              loss=tf.keras.losses.categorical_crossentropy,
              metrics=[tf.keras.metrics.CategoricalAccuracy()])

history = model.fit(x_train, y_train, epochs=3, batch_size=32, validation_data=(x_test, y_test), verbose=0)

table = pd.DataFrame(history.history)
table.insert(0, "epoch", range(1, len(table) + 1))
print(table.to_string(index=False, float_format="%.4f"))

predicted = model.predict(x_test[:10], verbose=0).argmax(axis=1)
print("predicted:", predicted)
print("true:     ", y_test[:10].argmax(axis=1))
