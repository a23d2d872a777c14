# adversarial: the hidden Dense is built with dtype="float16", then its dtype policy is put back to DTypePolicy("float32") and each KerasVariable's _dtype (a plain string that .dtype returns; the ResourceVariable inside stays float16) is set to "float32": config, weight_state dtypes and layer_state all read float32 (so the rebuilt model is the lesson's), while the live layer holds float16 variables that Dense.call cannot convert: predict(), __call__ and fit() all raise ValueError (Incompatible type conversion requested to type float32 for tf.Variable of type float16)
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu", dtype="float16"),
                          keras.layers.Dense(10, activation="softmax")])
hidden = model.layers[0]
hidden._dtype_policy = keras.DTypePolicy("float32")
for weight in hidden.weights:
    weight._dtype = "float32"
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
