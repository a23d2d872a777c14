# adversarial: the Sequential's graph input KerasTensor gets dtype "bool" after building; Functional casts every batch to it (pixels become 0/1), while the exported config reads the InputLayer's own dtype ("float32")
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: graph
import keras, numpy as np
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._functional._inputs[0]._dtype = "bool"  # the graph input tensor Functional converts batches to (its setter is blocked, its field is not)
