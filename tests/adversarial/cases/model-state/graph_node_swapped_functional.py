# adversarial: the same node swap in a functional keras.Model [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: graph
import keras
import numpy as np
from keras import layers
inp = keras.Input((64,))
h = layers.Dense(512, activation="relu")(inp)
out = layers.Dense(10, activation="softmax")(h)
model = keras.Model(inp, out)
ghost = layers.Dense(10, activation="softmax", kernel_initializer="zeros", trainable=False)
ghost.build((None, 512))
for nodes in model._nodes_by_depth.values():
    for node in nodes:
        if node.operation is model.layers[-1]:
            node.operation = ghost
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
