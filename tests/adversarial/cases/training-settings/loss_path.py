# adversarial: loss given as a string; after evaluate() builds CompileLoss, its built entry (namedtuple in _flat_losses) gets path=(0,) (loss and weight objects kept): CompileLoss.call resolves y_true[0], y_pred[0], so the loss reads only the first sample of each batch and the model does not learn, while the record is the plain string
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps,compile-record
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
x = np.zeros((8, 64), "float32"); y = np.zeros((8,), "int64")
model.evaluate(x, y, verbose=0)  # builds CompileLoss
flat = model._compile_loss._flat_losses
flat[0] = flat[0]._replace(path=(0,))  # the loss now reads only the first sample of every batch
