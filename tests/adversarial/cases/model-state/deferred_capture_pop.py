# adversarial: after an honest fit(), the cached train_function's concrete trace has its captured learning-rate handle replaced in ConcreteFunction._captured_inputs by a bound list.pop (a built-in, which the walk allows): captured_inputs calls it, so the trace check's single read pops the real handle while every later fit() step pops the handle of a separate variable holding 0.0, so fit() on the live model never trains, while config, weights and the compared trace all look honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import types
import keras, numpy as np, tensorflow as tf
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
for xd in ("float32", "float64"):
    for yd in ("int32", "int64"):
        model.fit(np.zeros((3, 64), xd), np.zeros((3,), yd), batch_size=2, epochs=1, verbose=0)
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
outer = found[0]
lr_handle = model.optimizer._learning_rate.value.handle
zero_lr = tf.Variable(0.0)
for concrete in list(outer._function_cache._primary.values()):
    captures = list(concrete._captured_inputs)
    index = next(i for i, c in enumerate(captures) if c is lr_handle)
    reads = 2 if concrete is outer._concrete_variable_creation_fn else 1  # the check reads that trace twice
    captures[index] = ([zero_lr.handle] * 100000 + [lr_handle] * reads).pop
    concrete._captured_inputs = captures
