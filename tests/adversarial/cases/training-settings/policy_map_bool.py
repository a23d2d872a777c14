# adversarial: the hidden Dense's dtype policy becomes a DTypePolicyMap (default "float32") whose entry for the layer's own path is a DTypePolicy named "float32" with _compute_dtype/_variable_dtype "bool": the layer computes by the entry, so every input batch is cast to 0/1 pixels, while layer_state skips the map's non-plain contents and the config saves the entry by name only, so the rebuilt layer computes in float32
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
hidden = model.layers[0]
inner = keras.DTypePolicy("float32")
inner._compute_dtype = inner._variable_dtype = "bool"  # equal, so no AutocastScope is entered
hidden._dtype_policy = keras.dtype_policies.DTypePolicyMap("float32", {hidden.path: inner})
