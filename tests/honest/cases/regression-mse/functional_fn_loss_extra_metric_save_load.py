# honest: functional API, loss=tf.keras.losses.mse (the function; tf.keras in TF 2.21 has no losses.mean_squared_error), metrics=["mae", "mse"] (an extra metric), keras.optimizers.get("adam"); 2 epochs, then model.save("m.keras") and loaded back into `model`
# expect-score: 10
# expect-failed: none
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)

digits = load_digits()
X = digits.data / 16.0
y_value = digits.target.astype("float32")

inputs = keras.Input(shape=(64,), name="pixels")
x = keras.layers.Dense(512, activation="relu", name="hidden")(inputs)
value = keras.layers.Dense(1, name="digit_value")(x)
model = keras.Model(inputs, value, name="digit_regressor")

model.compile(optimizer=keras.optimizers.get("adam"),
              loss=tf.keras.losses.mse,
              metrics=["mae", "mse"])

model.fit(X, y_value, epochs=2, batch_size=64, validation_split=0.1, verbose=2)

model.save("m.keras")
model = keras.models.load_model("m.keras")
print(model.evaluate(X, y_value, return_dict=True, verbose=0))
