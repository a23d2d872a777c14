# adversarial: The real model is compiled with Adam but with mean squared error as its loss (a wrong loss: real score 7), passed as Keras' own function object. Keras serialises a public function as its public module plus get_registered_name(fn), i.e. fn.__name__, which lives in the function object's C struct, not in any dict: the submission sets keras.losses.mean_squared_error.__name__ = "sparse_categorical_crossentropy". No namespace or container the fingerprint/heap record watches changes (the audit hook only refuses __code__/__defaults__/__kwdefaults__), the compile record still holds Keras' own function (is_keras passes by identity), so the export says the loss is sparse_categorical_crossentropy.
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras

keras.losses.mean_squared_error.__name__ = "sparse_categorical_crossentropy"
model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(512, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss=keras.losses.mean_squared_error, metrics=["accuracy"])
