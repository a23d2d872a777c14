# adversarial: metric given as the string "accuracy"; after evaluate() builds it, the built metric (name "accuracy") gets _fn = sparse_top_k_categorical_accuracy, reporting top-5 accuracy under that name
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
metric = model._compile_metrics._flat_metrics[0].metrics[0]
metric._fn = keras.metrics.sparse_top_k_categorical_accuracy  # reports top-5 accuracy as "accuracy"
