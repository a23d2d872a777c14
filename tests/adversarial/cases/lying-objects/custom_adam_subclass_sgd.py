# adversarial: custom optimizer class named Adam that subclasses SGD (defined in __main__); honest SGD would score 8 [verdict: the child marks the optimizer as a class of its own, so it is not rebuilt as Keras' Adam]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras


class Adam(keras.optimizers.SGD):
    pass


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=Adam(learning_rate=0.001), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
