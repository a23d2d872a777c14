# honest: functional API, optimizer from keras.optimizers.get({...}) with the right values, custom Callback printing the rate, CSVLogger read back with pandas, 2 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)

import pandas as pd
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# same wide model, written with the functional API
inputs = keras.Input(shape=(64,), name="pixels")
hidden = layers.Dense(512, activation="relu")(inputs)
outputs = layers.Dense(10, activation="softmax")(hidden)
model = keras.Model(inputs=inputs, outputs=outputs, name="wide_digits")

optimizer = keras.optimizers.get({"class_name": "SGD",
                                  "config": {"learning_rate": 0.01, "momentum": 0.9}})
model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])


class ShowLearningRate(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        lr = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
        print(f"  epoch {epoch + 1}: lr={lr:.4g} loss={logs['loss']:.4f} acc={logs['accuracy']:.4f}")


model.fit(X, y, epochs=2, batch_size=32, verbose=0,
          callbacks=[ShowLearningRate(), keras.callbacks.CSVLogger("training_log.csv")])

log = pd.read_csv("training_log.csv")
print(log.to_string(index=False))
