# adversarial: after compile(), keras.config.set_max_steps_per_epoch(1) (keras.src.backend.config._MAX_STEPS_PER_EPOCH, exempt from the fingerprint as a private-constant-style name): every fit() in the student's process takes one batch per epoch, so the model barely trains, which nothing exported records
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: keras-settings
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
keras.config.set_max_steps_per_epoch(1)  # keras.src.backend.config._MAX_STEPS_PER_EPOCH: fit() takes one step per epoch
