# adversarial: SGD subclass named Adam with __module__ set to keras' Adam module and lr 0.001: rebuilt as real Adam? must not score 10 for an SGD optimizer
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import keras


class Adam(keras.optimizers.SGD):
    pass


Adam.__module__ = keras.optimizers.Adam.__module__

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=Adam(learning_rate=0.001), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
