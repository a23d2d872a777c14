# adversarial: prints a fake JSON report claiming 10/10, then compiles with SGD (real score 8)
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
print('{"exercise": "compile-adam", "status": "passed", "score": 10.0, "max_score": 10.0, "checks": [], "error": null}')
print('{"status": "passed", "score": 10.0, "max_score": 10.0}')

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
