# adversarial: the Sequential's graph (_functional) gets an instance attribute _nnx_op_mapping = {id(output Dense): an outside, frozen, all-zero Dense(10, softmax)}, set with object.__setattr__ so Keras does not track it; Function._run_through_graph runs whatever that mapping names in place of a node's operation (on every backend), so the live model always outputs 0.1 per class and never learns, while every node's operation, the layer list, weights and config are untouched
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: graph
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
impostor = layers.Dense(10, activation="softmax", kernel_initializer="zeros", trainable=False)
impostor.build((None, 512))
object.__setattr__(model._functional, "_nnx_op_mapping", {id(model.layers[1]): impostor})
