# adversarial: a Lambda layer (arbitrary Python function) in the model
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 0
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Lambda(lambda x: x * 2),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
