# adversarial: a node of the Sequential's graph runs an outside, frozen, all-zero Dense instead of the listed output layer [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: graph
import keras
import numpy as np
from keras import layers
model = keras.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
# a stand-in output layer outside the model: frozen, all-zero kernel -> constant 0.1 outputs
ghost = layers.Dense(10, activation="softmax", kernel_initializer="zeros", trainable=False)
ghost.build((None, 512))
for depth, nodes in model._functional._nodes_by_depth.items():
    for node in nodes:
        if node.operation is model.layers[1]:
            node.operation = ghost
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
