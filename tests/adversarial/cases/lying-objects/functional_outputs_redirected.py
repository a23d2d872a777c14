# adversarial: the Sequential's graph (_functional) gets _outputs pointing at the hidden Dense's output: every node still runs a layer of the model, but the model returns the 512 ReLU values (no softmax layer in effect); the config is read from _layers
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: graph
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._functional._outputs = [model.layers[0].output]
model._functional._outputs_struct = model.layers[0].output
