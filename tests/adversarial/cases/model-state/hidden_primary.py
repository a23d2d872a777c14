# adversarial: Adam's epsilon=10/beta_1=0 while fit() traces train_function, then restored; the stale trace (outer and inner tf.function) is taken out of FunctionCache._primary (which the trace check enumerates) and served back through a defaultdict default_factory for the dispatch type still in _dispatch_dict; an honest trace for int32 labels is left in _primary for the check to compare, so later fit() with int64 labels runs the stale epsilon=10 graph
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
# expect-findings: cached-steps
import collections
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
opt = model.optimizer
opt.beta_1, opt.epsilon = 0.0, 10.0
model.fit(np.zeros((3, 64), "float32"), np.zeros((3,), "int64"), batch_size=2, epochs=1, verbose=0)
opt.beta_1, opt.epsilon = 0.9, 1e-7
import types
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
kept = []
for fn in found:
    cache = fn._function_cache
    stale = list(cache._primary.values())
    kept.extend(stale)
    fn._concrete_variable_creation_fn = None
    cache._primary = collections.defaultdict((lambda s: (lambda: s))(stale[0]))
# honest trace under another label dtype, left where the check looks
model.fit(np.zeros((3, 64), "float32"), np.zeros((3,), "int32"), batch_size=2, epochs=1, verbose=0)
