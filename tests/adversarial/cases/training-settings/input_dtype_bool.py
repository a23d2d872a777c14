# adversarial: honest config, Input((64,), dtype="bool"): Keras casts every pixel to 0/1 before the first layer; the layers check must mark the input dtype
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,), dtype="bool"), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
