# adversarial: writes fake report.json/results.json (cwd, parent dir, /tmp) claiming 10/10; SGD model (real 8)
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import os

FAKE = '{"exercise": "compile-adam", "status": "passed", "score": 10.0, "max_score": 10.0, "checks": [], "error": null}'
for folder in (".", "..", "/tmp", "/tmp/grader-adversarial"):
    for name in ("report.json", "results.json", ".output"):
        try:
            with open(os.path.join(folder, name), "w") as f:
                f.write(FAKE)
        except OSError:
            pass

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
