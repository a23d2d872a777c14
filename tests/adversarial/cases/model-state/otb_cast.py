# adversarial: Function._function_type of the training step's inner tf.function (one_step_on_data), which the trace check skips as "kept for introspection", is replaced by a FunctionType whose parameter constrains the data to (int32 x, int64 y, None), plus a trailing *self parameter so input_signature reads None and integrity's _list_all_concrete_functions never calls it: Function._call casts every argument through it (bind_with_defaults -> TensorSpec.cast converts NumPy input to the constraint's dtype), so model.train_on_batch / test_on_batch with NumPy float features truncate them to integers before the honest step runs, while config, weights, compile record and every compared trace are honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import types
import keras
import tensorflow as tf
from tensorflow.core.function.polymorphism import function_type as _ft
from tensorflow.core.function.trace_type import default_types as _dt

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])


def _functions(obj, seen, out):
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, types.FunctionType):
        for cell in obj.__closure__ or ():
            try:
                _functions(cell.cell_contents, seen, out)
            except ValueError:
                pass
    elif type(obj).__name__ == "Function":
        out.append(obj)
        _functions(obj._python_function, seen, out)


def _constraint(x_dtype):
    # A trailing *args named "self": to_input_signature drops the first parameter when one is
    # named "self", so the Function reports no input_signature (nothing calls it without data).
    return _ft.FunctionType([
        _ft.Parameter("data", _ft.Parameter.POSITIONAL_OR_KEYWORD, False, _dt.Tuple(
            tf.TensorSpec((None, 64), x_dtype), tf.TensorSpec((None,), tf.int64), _dt.Literal(None))),
        _ft.Parameter("self", _ft.Parameter.VAR_POSITIONAL, False, None)])


for make, attribute in (("make_train_function", "train_function"), ("make_test_function", "test_function")):
    getattr(model, make)()
    found = []
    _functions(getattr(model, attribute), set(), found)
    for function in found:
        if function._name == "one_step_on_data":
            function._function_type = _constraint(tf.int32)
