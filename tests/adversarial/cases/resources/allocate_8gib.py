# adversarial: allocates 8 GiB in one go before defining a model
# expect-status: error
# expect-kind: memory
# expect-max-score: 0
hog = bytearray(8 * 1024**3)

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
