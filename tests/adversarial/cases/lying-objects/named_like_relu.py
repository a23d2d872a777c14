# adversarial: hidden activation is a function of the student's own named `relu` that computes sigmoid; Keras saves built-in activations by name only, so the config says relu [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: activations
# Hidden layer really computes sigmoid; the function is merely *named* relu.
import keras
from tensorflow.keras import layers, models
def relu(x):
    return keras.activations.sigmoid(x)
model = models.Sequential()
model.add(layers.Dense(512, activation=relu, input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
import numpy as np
x = np.ones((1, 64), "float32") * 5
print("hidden out sample:", model.layers[0](x).numpy()[0, :3])
