# adversarial: the hidden Dense layer's dtype policy gets _compute_dtype "bfloat16" past its name: its weights stay float32 (so their dtypes match the rebuild) while every forward pass runs in bfloat16; the config saves the policy's name, float32
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu", dtype=keras.DTypePolicy("float32")),
                          keras.layers.Dense(10, activation="softmax")])
model.layers[0].dtype_policy._compute_dtype = "bfloat16"
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
