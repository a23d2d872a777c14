# adversarial: The real model's hidden Dense layer keeps float16 weights and computes in float16 (training gets stuck: the honest float16 case deserves at most 8). A layer's config records its dtype policy as DTypePolicy.get_config() = {"name": policy._name}, while Keras computes with policy._compute_dtype and _variable_dtype, set once from the name in __init__. The submission sets the policy's _name to "float32" (plain data on a Keras object: no code, no class of its own), so the export says float32 and the trusted rebuild is a float32 layer; weight shapes and trainable/regularised/constrained state match, and dtypes are not compared.
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu", dtype="float16"),
    keras.layers.Dense(10, activation="softmax"),
])
model.layers[0].dtype_policy._name = "float32"
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
