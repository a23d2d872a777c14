# adversarial: honest config: Adam(clipvalue=1e-9, beta_1=0, epsilon=10), which does not learn, where the exercise asks for Adam's defaults [found by red-teaming the export]
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras, numpy as np
from tensorflow.keras import layers, models

# Honest config, but Adam is far from default: clipvalue=1e-9 freezes learning in practice (only learning_rate is compared).
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=keras.optimizers.Adam(clipvalue=1e-9, beta_1=0.0, epsilon=10.0),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
