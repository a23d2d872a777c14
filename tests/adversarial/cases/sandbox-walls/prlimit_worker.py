# adversarial: SGD model; prlimit(2) is not a signal, so neither Landlock's signal scope nor the PID namespace stops it, and the worker (PID 1 here) runs as the same user: the submission lowers the worker's RLIMIT_NOFILE to 8 (lowering needs no privilege), so the worker cannot make the pipes of the NEXT submission's child and that submission, another student's in a batch, is graded `crashed` [the attacker's own grade is unaffected; a correct grader keeps submissions from changing the worker] [verdict: seccomp refuses prlimit on any process but the caller's]
# expect-status: failed
# expect-kind: none
# expect-max-score: 8
import os
import resource

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

for pid in (os.getppid(), 1):
    if pid in (0, os.getpid()):
        continue
    try:
        resource.prlimit(pid, resource.RLIMIT_NOFILE, (8, 8))
        print(f"ESCAPED: lowered the open-file limit of process {pid} (the worker), outside the submission")
    except OSError as refused:
        print(f"refused for {pid}:", refused)
