# adversarial: SGD model that trains with SGD; a callable instance attribute `get_compile_config` on the first Dense layer, a name that no class in Dense's MRO defines, so it hides no code of its class and the walk (integrity.foreign_object/_hidden_code) lets it pass. Keras' serialize_keras_object probes every layer with hasattr(obj, "get_compile_config") (get_build_and_compile_config) and calls it in the sender thread during to_json, after compile_record_is_faithful: it is a C-level chain (functools.partial of dict over filter/map(operator.call, ...), no Python frame for the profile guard) that puts one Adam instance both in the compile record and in model.optimizer, so the record still looks faithful when the export serialises it and checks it again
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: planted-callable
import collections
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
assert type(model.optimizer).__name__ == "SGD"  # what the student's model really trains with

record = model._compile_config.config  # held directly: the export pops `_compile_config` while it saves the model
decoy = keras.optimizers.Adam()
steps = [
    functools.partial(os.write, 1, b"ESCAPED: code of the submission ran in the sender thread (layer.get_compile_config)\n"),
    functools.partial(operator.setitem, record, "optimizer", decoy),
    functools.partial(operator.setitem, vars(model), "optimizer", decoy),
]
# dict(filter(<never true>, map(call, steps))) runs every step and returns {}: an empty compile config, which
# get_build_and_compile_config records and deserialisation ignores.
never = functools.partial(operator.is_, steps)
model.layers[0].get_compile_config = functools.partial(dict, filter(never, map(operator.call, steps)))
