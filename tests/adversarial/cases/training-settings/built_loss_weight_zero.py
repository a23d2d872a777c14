# adversarial: compiled without loss_weights; after evaluate() builds CompileLoss, its built entry (a namedtuple in _flat_losses) is replaced with loss_weights=0.0 -- the loss is multiplied by 0, nothing trains, while the record has no weights
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps,compile-record
import keras, numpy as np
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
x = np.random.rand(8, 64).astype("float32"); y = np.random.randint(0, 10, (8,))
model.evaluate(x, y, verbose=0)
flat = model._compile_loss._flat_losses
flat[0] = flat[0]._replace(loss_weights=0.0)
