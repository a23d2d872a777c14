# adversarial: the common SGD answer, plus prlimit(2) (not a signal: neither Landlock's signal scope nor the PID namespace stops it, and the describer runs as the same user) on the worker's describer, found as a process made before this one whose RLIMIT_AS is finite: its CPU limit is set to 0, so the kernel kills it as soon as it describes this very model; the worker memoises the resulting error under the key of this plain data, so every later identical SGD submission graded by this worker (the rest of a batch) gets `unsupported_model`, 0 instead of 8 [a correct grader grades this one 8 and leaves the others alone] [verdict: seccomp refuses prlimit on any process but the caller's; a describer that dies is also asked once more before its answer is remembered]
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

for pid in range(2, os.getpid()):  # made before this process: the worker and its threads, the describer and its threads
    try:
        soft, hard = resource.prlimit(pid, resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY:  # the worker
            continue
        resource.prlimit(pid, resource.RLIMIT_CPU, (0, 0))
        print(f"ESCAPED: set the CPU limit of process {pid} (the describer), outside the submission, to 0")
    except OSError:
        pass
