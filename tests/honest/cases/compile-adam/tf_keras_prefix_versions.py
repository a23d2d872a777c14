# honest: everything through tf.keras, clear_session at the top, tf.compat.v1 logging verbosity, prints tf.__version__ and the physical devices
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import tensorflow as tf
from sklearn.datasets import load_digits

tf.keras.backend.clear_session()
tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)

print("TensorFlow version:", tf.__version__)
print("Devices:", tf.config.list_physical_devices())

digits = load_digits()
X, y = digits.data, digits.target
print(X.shape, y.shape, y[:10])

model = tf.keras.Sequential()
model.add(tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(tf.keras.layers.Dense(10, activation="softmax"))

model.compile(optimizer=tf.keras.optimizers.Adam(),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(),
              metrics=["accuracy"])

model.summary()
