# adversarial: The real model's hidden layer uses tanh and its loss is mean squared error (real score 6), compiled with Adam. integrity.problem only checks that a layer's activation is one of Keras' own functions (by id), and is_keras accepts Keras' own loss function by id; Keras serialises a public function as its public module plus fn.__name__, a field of the function object's C struct that no dict holds. The submission sets keras.activations.tanh.__name__ = "relu" and keras.losses.mean_squared_error.__name__ = "sparse_categorical_crossentropy". Neither the fingerprint (namespaces unchanged) nor the heap record (no dict/list/set/cell/partial changed) nor the audit hook (only __code__/__defaults__/__kwdefaults__) sees it, so the export says Dense(512, relu) and sparse_categorical_crossentropy.
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras

keras.activations.tanh.__name__ = "relu"
keras.losses.mean_squared_error.__name__ = "sparse_categorical_crossentropy"
model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(512, activation=keras.activations.tanh), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss=keras.losses.mean_squared_error, metrics=["accuracy"])
