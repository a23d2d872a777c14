# adversarial: every setting honest; after compile() the file caches a training step without running it (make_train_function), builds the optimizer, sets its step counter to 1 and every Adam velocity to 1e30, so no training step ever moves the weights. Accepted, by decision (see ../open/README.md): once an optimizer's counter is past 0, its state is what training left, by fit() or by a loop of the student's own, and is not graded; it earns no mark the settings do not
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import keras
import numpy as np

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.make_train_function()
optimizer = model.optimizer
optimizer.build(model.trainable_variables)
optimizer.iterations.assign(1)
for velocity in optimizer._velocities:
    velocity.assign(np.full(velocity.shape, 1e30, "float32"))
