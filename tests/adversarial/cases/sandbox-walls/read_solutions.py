# adversarial: correct model, then tries to read the course's reference solutions, the grader's tests, /etc/shadow and the home folder (in a batch, a classmate's file would be next)
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import os

import grader
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

project = os.path.dirname(os.path.dirname(grader.__file__))
for path in (os.path.join(project, "solutions", "compile_adam.py"), os.path.join(project, "README.md"),
             "/etc/shadow", os.path.expanduser("~root/.bashrc")):
    try:
        with open(path, "rb") as handle:
            handle.read(16)
        print(f"ESCAPED: read {path}")
    except OSError:
        pass
for folder in (project, os.path.join(project, "solutions"), os.path.join(project, "tests"), "/root", "/home", "/tmp"):
    try:
        os.listdir(folder)
        print(f"ESCAPED: listed {folder}")
    except OSError:
        pass
