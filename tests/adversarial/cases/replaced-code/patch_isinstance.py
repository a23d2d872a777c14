# adversarial: correct model, then builtins.isinstance patched to always return True (sabotages the export); a pass would be legit [verdict: the tamper check sees the patched built-in]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import builtins

builtins.isinstance = lambda obj, cls: True
