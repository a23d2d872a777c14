# adversarial: sets trainable=False on the hidden layer's kernel and bias variables (not on the layer), which no config records, so the rebuilt model would count them as trainable [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras, numpy as np
from tensorflow.keras import layers, models

# The hidden kernel variable is frozen (variable.trainable=False); layer config still says trainable.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.layers[0].kernel.trainable = False
model.layers[0].bias.trainable = False
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print("trainable weights:", sum(int(np.prod(w.shape)) for w in model.trainable_weights), "non:", sum(int(np.prod(w.shape)) for w in model.non_trainable_weights))
