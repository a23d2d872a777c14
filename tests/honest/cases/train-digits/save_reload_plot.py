# honest: the lesson's wide model trained 25 epochs, curves plotted with plt.show(), saved with model.save and loaded back into model
# expect-score: 10
# expect-failed: none
# measured: 97.6 %, 97.8 %, 97.8 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

import matplotlib.pyplot as plt
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["acc"])
history = model.fit(X_train, y_train, epochs=25, batch_size=64, validation_split=0.2, verbose=0)

plt.figure(figsize=(11, 4))
plt.subplot(1, 2, 1)
plt.plot(history.history["loss"], label="training loss")
plt.plot(history.history["val_loss"], label="validation loss")
plt.xlabel("epoch")
plt.legend()
plt.subplot(1, 2, 2)
plt.plot(history.history["acc"], label="training accuracy")
plt.plot(history.history["val_acc"], label="validation accuracy")
plt.xlabel("epoch")
plt.legend()
plt.show()

model.save("digits_model.keras")
model = tf.keras.models.load_model("digits_model.keras")
model.summary()
