# adversarial: output activation is a function of the student's own named `softmax` that returns its input (a linear output) [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: activations
import keras, numpy as np
from tensorflow.keras import layers, models

# Output layer really linear (logits) but the function is named softmax; loss assumes probabilities.
def softmax(x):
    return x
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation=softmax))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print(model(np.ones((1,64),"float32")).numpy().sum())
