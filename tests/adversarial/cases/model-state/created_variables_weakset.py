# adversarial: Adam's epsilon=10/beta_1=0 while fit() traces train_function, then restored; the stale inner traces are dropped from the inner tf.function's cache (the stale outer graph calls them by name), and the cached outer tf.function gets `_created_variables` = a WeakSet of an object kept only in model._eval_epoch_iterator, so while it lives the trace check skips every VARIABLE_CREATION-scope trace (the stale ones) and compares only honest NO_VARIABLE_CREATION traces made for it; the next fit() sets _eval_epoch_iterator = None before its first step, the WeakSet empties, and tf.function runs the stale epsilon=10 traces again
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
# expect-findings: cached-steps
import types, weakref
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt = model.optimizer
combos = [("float32", "int64")]
opt.beta_1, opt.epsilon = 0.0, 10.0
for xd, yd in combos:
    model.fit(np.zeros((3, 64), xd), np.zeros((3,), yd), batch_size=2, epochs=1, verbose=0)
opt.beta_1, opt.epsilon = 0.9, 1e-7
def tf_functions(o, seen, out):
    if id(o) in seen: return
    seen.add(id(o))
    if isinstance(o, types.FunctionType):
        for c in o.__closure__ or ():
            try: tf_functions(c.cell_contents, seen, out)
            except ValueError: pass
    elif type(o).__name__ == "Function":
        out.append(o); tf_functions(o._python_function, seen, out)
found = []
tf_functions(model.train_function, set(), found)
outer, inner = found
kept = list(inner._function_cache._primary.values())  # the stale inner traces the stale outer ones call by name
inner._function_cache._primary.clear()  # the inner tf.function (already in the NO_VARIABLE_CREATION scope) traces afresh
inner._function_cache._dispatch_dict.clear()
outer._created_variables = [True]  # honest outer traces now go to the NO_VARIABLE_CREATION scope
for xd, yd in combos:
    model.fit(np.zeros((3, 64), xd), np.zeros((3,), yd), batch_size=2, epochs=1, verbose=0)
marker = keras.callbacks.Callback()
model._eval_epoch_iterator = marker  # fit() sets this to None first thing
outer._created_variables = weakref.WeakSet([marker])
del marker
