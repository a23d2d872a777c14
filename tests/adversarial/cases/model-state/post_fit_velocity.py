# adversarial: one honest fit() step on 8 random samples, then every Adam velocity slot is assign()ed 1e30 in place, so that each later update is m/sqrt(1e30) and fit() no longer moves the weights. Accepted, by decision: the grade of compile-adam is of the model's definition, and the state the file's own training left in an optimizer is not graded (no check can tell it from what training leaves without replaying the training, and it earns no mark that the settings, all honest here, do not)
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import keras
import numpy as np

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(np.zeros((8, 64), "float32"), np.zeros(8, "int64"), epochs=1, verbose=0)
for velocity in model.optimizer._velocities:
    velocity.assign(np.full(velocity.shape, 1e30, "float32"))
