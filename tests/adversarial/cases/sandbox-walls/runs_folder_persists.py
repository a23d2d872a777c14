# adversarial: SGD model; Landlock grants writes beneath the whole folder of run directories, not the child's own run directory, so the submission creates a file next to its run directory (`..`), which the worker never removes (it only deletes the run directory itself): the file outlives this grading, and every later submission the same worker grades (the rest of a batch) can read it, append to it or find the folder's tmpfs filled; here it only leaves a marker and reports a marker left by an earlier grading [a correct grader confines each child to its own run directory]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import os

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

marker = os.path.join(os.path.dirname(os.getcwd()), "redteam2_left_by_a_grading")
if os.path.exists(marker):
    with open(marker) as left:
        print(f"ESCAPED: read a file an earlier grading left outside its run directory: {left.read()!r}")
try:
    with open(marker, "a") as out:
        out.write(f"left by the grading in {os.getcwd()}\n")
    print(f"ESCAPED: wrote {marker}, outside this submission's run directory")
except OSError as exc:
    print(f"refused: {exc}")
