# adversarial: tries to rewrite the grader's own source, add a module to its package and edit Keras in site-packages (so later gradings, its own or a classmate's, would run its code); SGD model (real 8)
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import os

import grader
import keras

package = os.path.dirname(grader.__file__)
targets = [os.path.join(package, "grading", "checks", "base.py"), os.path.join(package, "__init__.py"),
           os.path.join(os.path.dirname(keras.__file__), "__init__.py")]
for path in targets:
    try:
        with open(path, "a"):
            pass
        print(f"ESCAPED: opened {path} for writing")
    except OSError:
        pass
for path in (os.path.join(package, "pwned.py"), os.path.join(os.path.dirname(package), "pwned.py")):
    try:
        with open(path, "x") as handle:
            handle.write("")
        os.unlink(path)
        print(f"ESCAPED: created {path}")
    except OSError:
        pass
try:
    os.rename(targets[0], targets[0] + ".bak")
    os.rename(targets[0] + ".bak", targets[0])
    print(f"ESCAPED: renamed {targets[0]}")
except OSError:
    pass

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
