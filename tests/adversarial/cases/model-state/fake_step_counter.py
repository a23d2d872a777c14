# adversarial: Adam built before fitting, its step counter set to 1 with no training step and its velocities assigned 1e30, so every update is ~0 and nothing trains, while every setting is honest. Accepted, by decision (see ../open/README.md): once an optimizer's counter is past 0 its state is what training left, by fit() or by a loop of the student's own before compile() (both honest, and refusing them refused honest code), and it is not graded; it earns no mark the settings do not
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
opt = keras.optimizers.Adam()
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt.build(model.trainable_variables)
opt.iterations.assign(1)  # looks trained, so the slots are not compared with a new optimizer's
for v in opt._velocities:
    v.assign(np.full(v.shape, 1e30, "float32"))
