# adversarial: after an honest predict(), the cached predict_function's traces have the output layer's kernel capture replaced in ConcreteFunction._captured_inputs by a bound list.pop (a built-in the walk allows): the trace check's one read of captured_inputs pops the real kernel handle, every later predict() step pops the handle of a separate all-zero variable, so model.predict on the live model outputs a uniform 0.1 for every input (the output layer computes as if it had no kernel) while the exported config and weights describe the real network
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import keras, numpy as np, tensorflow as tf
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
for xd in ("float32", "float64"):
    model.predict(np.zeros((3, 64), xd), batch_size=2, verbose=0)
fn = model.predict_function
kernel = model.layers[1].kernel.value
zeros = tf.Variable(tf.zeros_like(kernel))
for concrete in list(fn._function_cache._primary.values()):
    captures = list(concrete._captured_inputs)
    index = next(i for i, c in enumerate(captures) if c is kernel.handle)
    reads = 2 if concrete is fn._concrete_variable_creation_fn else 1  # the check reads that trace twice
    captures[index] = ([zeros.handle] * 100000 + [kernel.handle] * reads).pop
    concrete._captured_inputs = captures
