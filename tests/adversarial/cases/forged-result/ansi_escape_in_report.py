# adversarial: SGD model compiled with a loss name of its own that carries terminal control sequences (carriage return, ESC[2K erase line, ESC[8m hidden text); Keras accepts any string at compile() time, the export and the describer pass it on as the loss the student wrote, and the text report quotes it in the loss row as it is, so a teacher reading `grader check` in a terminal sees rows rewritten by the submission (here a fake "PASS 3/3" loss row) [a correct grader shows student strings with control characters escaped; the JSON report is not affected]
# expect-status: failed
# expect-kind: none
# expect-max-score: 5
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
# Carriage return, erase the line, and write a passing-looking row over it.
disguise = "\r\x1b[2K│ loss      │ PASS   │    3/3 │ sparse_categorical_crossentropy, as expected. \x1b[8m"
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy" + disguise, metrics=["accuracy"])
