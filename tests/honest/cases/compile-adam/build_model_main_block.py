# honest: a build_model() function and an if __name__ == "__main__" block that compiles, trains 3 epochs, predicts with np.argmax and prints a classification_report
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
"""Exercise: compile the wide Digits model with Adam."""
import numpy as np
from sklearn.datasets import load_digits
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models


def load_data():
    digits = load_digits()
    return train_test_split(digits.data, digits.target, test_size=0.25, random_state=1)


def build_model():
    model = models.Sequential()
    model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


if __name__ == "__main__":
    X_train, X_test, y_train, y_test = load_data()
    model = build_model()
    model.fit(X_train, y_train, epochs=3, verbose=0)
    y_pred = np.argmax(model.predict(X_test, verbose=0), axis=1)
    print(classification_report(y_test, y_pred))
