# adversarial: Adam's _learning_rate (a Variable, skipped by the plain-field comparison) is replaced by the model's loss tracker's `count` variable, assigned 0.001: the config reads 0.001, but fit() resets the counter to 0 each epoch and adds every batch's size to it before apply_gradients, so the live learning rate is 32, 64, ... and training diverges, while the export says default Adam
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: optimizer-state
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
counter = model._loss_tracker.count
counter.assign(0.001)
model.optimizer._learning_rate = counter
