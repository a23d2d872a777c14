# honest: mistake: the model rewritten as Sequential([...]) without input_shape or keras.Input and never trained, so it is never built
# expect-score: 7
# expect-failed: layers, params
# expect-kind: not_built
# grader: exercise=compile-adam
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
