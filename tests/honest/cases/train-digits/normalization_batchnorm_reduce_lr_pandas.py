# honest: adapted Normalization, BatchNormalization, ReduceLROnPlateau, history shown as a pandas table
# expect-score: 10
# expect-failed: none
# measured: 98.7 %, 97.8 %, 98.0 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

import pandas as pd
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

pd.set_option("display.width", 120)

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

normalizer = layers.Normalization(axis=-1)
normalizer.adapt(X_train)

model = models.Sequential()
model.add(keras.Input(shape=(64,)))
model.add(normalizer)
model.add(layers.Dense(256))
model.add(layers.BatchNormalization())
model.add(layers.Activation("relu"))
model.add(layers.Dense(128))
model.add(layers.BatchNormalization())
model.add(layers.Activation("relu"))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(),
              metrics=["accuracy"])

reduce_lr = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3, min_lr=1e-5, verbose=1)
history = model.fit(X_train, y_train, epochs=25, batch_size=32, validation_split=0.1,
                    callbacks=[reduce_lr], verbose=0)

df = pd.DataFrame(history.history)
df.index = df.index + 1
df.index.name = "epoch"
print(df[["loss", "accuracy", "val_loss", "val_accuracy", "learning_rate"]].round(4).tail(10))
