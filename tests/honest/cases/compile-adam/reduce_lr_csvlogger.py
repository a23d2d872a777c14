# honest: ReduceLROnPlateau (patience 3, never fires in 5 epochs) and CSVLogger("log.csv"), then reads log.csv back with pandas
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import pandas as pd
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data / 16.0, digits.target

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

callbacks = [
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3, min_lr=1e-5, verbose=1),
    keras.callbacks.CSVLogger("log.csv"),
]
model.fit(X, y, epochs=5, validation_split=0.2, callbacks=callbacks, verbose=0)

log = pd.read_csv("log.csv")
print(log)
