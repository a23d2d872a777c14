# adversarial: loss given as a string; after evaluate() builds CompileLoss, the built LossFunctionWrapper's _dtype (not in its config) is set to float16: y_pred is cast to float16 where the 1e-7 clip underflows, the loss is NaN from the first batch and the weights become NaN, while the config and record say plain sparse_categorical_crossentropy
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
model._compile_loss._flat_losses[0].loss._dtype = "float16"
