# adversarial: one honest fit() step on 8 random samples, then every Adam velocity slot is assign()ed 1e30 in place: after training the grader accepts any slot values ("whatever training left"), but from then on each update is m/sqrt(1e30), so fit() no longer moves the weights
# expect-status: error
# expect-kind: tampered
# expect-max-score: 8
import keras
import numpy as np

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(np.zeros((8, 64), "float32"), np.zeros(8, "int64"), epochs=1, verbose=0)
for velocity in model.optimizer._velocities:
    velocity.assign(np.full(velocity.shape, 1e30, "float32"))
