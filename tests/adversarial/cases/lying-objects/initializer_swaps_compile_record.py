# adversarial: SGD model that trains with SGD; an instance attribute `get_config` on the first layer's kernel initializer (never inspected by integrity.problem) is a C-level chain (functools.partial / map / filter / operator.setitem, no Python function for the profile guard to see) that, when Keras' to_json calls it in the sender thread (after compile_record_is_faithful has passed), puts an Adam instance into the compile record's config, so the export describes Adam while model.optimizer stays SGD [verdict: before the export calls anything, a walk over every object reachable from the model finds the instance attribute hiding the initializer's get_config]
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: planted-callable
import functools
import operator
import os

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

record = model._compile_config.config  # held directly: the export pops `_compile_config` while it saves the model
decoy = keras.optimizers.Adam()
side_effects = [
    functools.partial(operator.setitem, record, "optimizer", decoy),
    # Seen only if the export reads the record after the swap while the model still trains with SGD.
    functools.partial(os.write, 1, b"ESCAPED: the compile record was swapped to Adam inside the sender's export\n"),
]
# dict(filter(<never>, map(call, side_effects))) runs both and returns {}, a valid GlorotUniform config.
never = functools.partial(operator.is_, object())
model.layers[0].kernel_initializer.get_config = functools.partial(
    dict, filter(never, map(operator.call, side_effects)))
