# adversarial: SGD model that trains with SGD; starts a thread whose target is a C-level chain (functools.partial / itertools / map over operator.call, with select() as its sleep), so it has no Python frame and sys._current_frames() never shows it: the sender believes no thread of the submission's runs. The thread polls until the export pops `_compile_config` from the model (inside to_json, after the integrity checks) and then puts an Adam instance into the compile record, which the export serialises next [verdict: _thread counts the thread, which has no frame, and the sender waits for it, then reports it]
# expect-status: error
# expect-kind: threads
# expect-max-score: 0
import _thread
import collections
import functools
import itertools
import operator
import os
import select
import sys

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

record = model._compile_config.config
decoy = keras.optimizers.Adam()
nap = functools.partial(select.select, [], [], [], 0.0001)  # returns ([], [], []): truthy
still_compiled = functools.partial(operator.contains, vars(model), "_compile_config")
wait_for_export = functools.partial(
    collections.deque, itertools.takewhile(bool, map(operator.call, itertools.cycle([nap, still_compiled]))), 0)
steps = [
    wait_for_export,
    functools.partial(operator.setitem, record, "optimizer", decoy),
    functools.partial(os.write, 1, b"ESCAPED: a thread without a Python frame swapped the compile record mid-export\n"),
]
sys.setswitchinterval(1e-6)  # hand the GIL over as often as possible
_thread.start_new_thread(functools.partial(collections.deque, map(operator.call, steps), 0), ())
