# adversarial: a per-instance call on the hidden Dense that computes sigmoid [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: model-methods
import keras, numpy as np
from tensorflow.keras import layers, models

# Instance attribute 'call' on the hidden layer: really computes sigmoid.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
l = model.layers[0]
def call(inputs, training=None):
    return keras.ops.sigmoid(keras.ops.matmul(inputs, l.kernel) + l.bias)
l.call = call
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print(model.layers[0](-np.ones((1,64),"float32")).numpy()[0,:3])
print(model(np.ones((1,64),"float32")).numpy()[0,:3])
