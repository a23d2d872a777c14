# adversarial: Dense(256) hidden layer; after building, sets units=512 and the next layer's recorded input shape, so the exported config describes the lesson's 512-wide model [verdict: the config does not match the weights the layers hold]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(256, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.layers[0].units = 512
model.layers[1]._build_shapes_dict = {"input_shape": (None, 512)}
