# honest: build_model() returns the compiled model, `model = build_model()` at module level, training with ModelCheckpoint + CSVLogger under if __name__ == "__main__"; `from keras.optimizers import Adam`
# expect-score: 10
# expect-failed: none
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

import logging
import warnings

import keras
from keras import layers
from keras.optimizers import Adam
from sklearn.datasets import load_digits

warnings.filterwarnings("ignore")
logging.getLogger("tensorflow").setLevel(logging.ERROR)


def load_data():
    digits = load_digits()
    X = digits.data / 16.0
    y_even = (digits.target % 2 == 0).astype(int)
    return X, y_even


def build_model():
    net = keras.models.Sequential()
    net.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    net.add(layers.Dense(1, activation="sigmoid"))  # P(even)
    net.compile(optimizer=Adam(), loss="binary_crossentropy", metrics=["accuracy"])
    return net


model = build_model()

if __name__ == "__main__":
    X, y_even = load_data()
    model.fit(
        X, y_even,
        epochs=3,
        batch_size=64,
        validation_split=0.2,
        callbacks=[
            keras.callbacks.ModelCheckpoint("even_odd.keras", monitor="val_loss", save_best_only=True),
            keras.callbacks.CSVLogger("even_odd_log.csv"),
        ],
        verbose=2,
    )
    print(open("even_odd_log.csv").read())
