# adversarial: Adam built before fitting, then each slot of _velocities set (in place) to the momentum variable of the same index: every slot is still a variable the optimizer tracks and _variables is untouched and all zero, so the fresh-optimizer check passes, but update_step now reads and writes m and v in one variable, v goes negative, sqrt gives NaN and the weights are NaN after the first step, while the export says plain Adam
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: optimizer-state
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt = model.optimizer
opt.build(model.trainable_variables)
for i, m in enumerate(list(opt._momentums)):
    opt._velocities[i] = m
