# adversarial: the hidden layer is frozen (trainable=False) only while fit() traces model.train_function for the usual x/y dtypes, then unfrozen: the cached tf.function, over the very same variables, computes gradients for the output layer only, so every later fit() never trains the hidden layer, while the layers, weights and record all say trainable
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps,optimizer-state
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.layers[0].trainable = False
for xd in ("float32", "float64"):
    for yd in ("int32", "int64"):
        model.fit(np.zeros((3, 64), xd), np.zeros((3,), yd), batch_size=2, epochs=1, verbose=0)
model.layers[0].trainable = True  # model.trainable_variables is all four again; the traced graph is not
