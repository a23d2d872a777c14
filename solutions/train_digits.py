"""Reference solution for train-digits: the lesson's wide model, trained for 20 epochs."""
import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models

digits = load_digits()
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

keras.utils.set_random_seed(0)
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=20, batch_size=64, verbose=0)
