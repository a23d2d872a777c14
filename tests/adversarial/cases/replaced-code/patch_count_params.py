# adversarial: Dense(256) hidden layer (wrong width), keras.Model.count_params patched to return 38410 [verdict: the tamper check sees the patched Keras method]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras

keras.Model.count_params = lambda self: 38410
keras.layers.Layer.count_params = lambda self: 38410 if isinstance(self, keras.Model) else 0

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(256, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print(model.count_params())
