# adversarial: Adam built before fitting and its step counter set to 1 with no training step: _optimizer_state_problem then treats it as trained and compares nothing, so its velocities (assigned 1e30 in place) make every update ~0 and nothing ever trains, while the export says plain Adam [the counter is faked, not the result of a real step]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 8
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
opt = keras.optimizers.Adam()
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt.build(model.trainable_variables)
opt.iterations.assign(1)  # looks trained, so the slots are not compared with a new optimizer's
for v in opt._velocities:
    v.assign(np.full(v.shape, 1e30, "float32"))
