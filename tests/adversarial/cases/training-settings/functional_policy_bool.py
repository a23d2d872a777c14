# adversarial: a functional model gets its own DTypePolicy whose _compute_dtype/_variable_dtype are "bool" (name still "float32") and _convert_input_args=True: Layer.__call__ of the model then casts every batch to bool (pixels 0/1) before the graph casts it back to float32; layer_state skips the model itself, so the export and rebuild describe a model reading raw pixels
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras
from tensorflow.keras import layers

inputs = keras.Input((64,))
outputs = layers.Dense(10, activation="softmax")(layers.Dense(512, activation="relu")(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
policy = keras.DTypePolicy("float32")
policy._compute_dtype = policy._variable_dtype = "bool"  # equal, so no AutocastScope is entered
model._dtype_policy = policy
model._convert_input_args = True  # Functional sets it False; Layer.__call__ then converts inputs to compute_dtype
