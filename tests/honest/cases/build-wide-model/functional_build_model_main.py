# honest: functional API inside a build_model() function called under if __name__ == "__main__", then a short fit, pandas history and a saved plot
# expect-score: 10
# expect-failed: none
# grader: exercise=build-wide-model

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras


def build_model(n_inputs=64, hidden_units=512, n_classes=10):
    """The lesson's wide model: 64 -> 512 (relu) -> 10 (softmax)."""
    inputs = keras.Input(shape=(n_inputs,))
    x = keras.layers.Dense(hidden_units, activation="relu")(inputs)
    outputs = keras.layers.Dense(n_classes, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def load_data():
    digits = load_digits()
    X = digits.data.astype("float32") / 16.0
    return train_test_split(X, digits.target, test_size=0.25, random_state=0)


if __name__ == "__main__":
    X_train, X_test, y_train, y_test = load_data()

    model = build_model()
    model.summary()

    # not required by the exercise, but I wanted to see it learn
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(X_train, y_train, epochs=3, batch_size=32,
                        validation_data=(X_test, y_test), verbose=2)

    df = pd.DataFrame(history.history)
    print(df)

    df[["loss", "val_loss"]].plot(title="wide model")
    plt.xlabel("epoch")
    plt.savefig("loss.png")
    plt.close("all")
