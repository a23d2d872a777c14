# adversarial: Latin-1 bytes (not UTF-8) in a string literal after a correct model
# expect-status: error
# expect-kind: encoding
# expect-max-score: 0

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

name = "André ÿþ"
