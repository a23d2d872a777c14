# adversarial: Adam built before fitting, then each slot in its _velocities list (what update_step reads) replaced via list.__setitem__ by a new variable of 1e30: _variables (what the fresh-optimizer check compares) still holds the zero slots, so every update is ~0 and nothing ever trains, while the export says plain Adam
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: optimizer-state
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
opt = keras.optimizers.Adam()
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt.build(model.trainable_variables)
for i, v in enumerate(model.trainable_variables):
    list.__setitem__(opt._velocities, i, keras.Variable(np.full(v.shape, 1e30, "float32"), trainable=False))
