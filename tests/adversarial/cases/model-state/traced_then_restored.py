# adversarial: the built loss entry gets path=(0,) (loss reads only the first sample of each batch) just while fit() traces model.train_function for the usual x/y dtypes, then the honest entry is put back: the cached tf.function keeps the sabotaged graph over the very same model/optimizer/metric variables (so the stale-trace check passes) and every later fit() trains on one sample per batch, while every object and the record look like compile() left them
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.evaluate(np.zeros((2, 64), "float32"), np.zeros((2,), "int64"), verbose=0)  # builds CompileLoss
flat = model._compile_loss._flat_losses
honest = flat[0]
flat[0] = honest._replace(path=(0,))  # the loss reads only the first sample of each batch ...
for xd in ("float32", "float64"):
    for yd in ("int32", "int64"):  # ... traced into model.train_function for the usual input dtypes
        model.fit(np.zeros((3, 64), xd), np.zeros((3,), yd), batch_size=2, epochs=1, verbose=0)
flat[0] = honest  # every object back as compile() left it; the cached traced graph keeps the sabotage
