# adversarial: the Sequential itself (left out of layer_state) gets its own DTypePolicy named "float32" with _compute_dtype "int32": Layer.__call__ of the model enters AutocastScope("int32") because compute and variable dtypes differ, which raises, so the live model cannot predict, evaluate or fit at all, while the export and rebuild describe the reference model
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
policy = keras.DTypePolicy("float32")
policy._compute_dtype = "int32"
model._dtype_policy = policy
