# adversarial: Adam's beta_1/epsilon (Python floats, baked into the graph as constants) are set to 0 and 10 only while fit() traces model.train_function for the usual x/y dtypes, then put back to the defaults: the cached tf.function, over the very same variables, updates with epsilon=10 (steps ~1e-4 of Adam's) forever, while the optimizer's config says Adam's defaults
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
# expect-findings: cached-steps
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt = model.optimizer
opt.beta_1, opt.epsilon = 0.0, 10.0
for xd in ("float32", "float64"):
    for yd in ("int32", "int64"):
        model.fit(np.zeros((3, 64), xd), np.zeros((3,), yd), batch_size=2, epochs=1, verbose=0)
opt.beta_1, opt.epsilon = 0.9, 1e-7
