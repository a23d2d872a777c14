# adversarial: after fit(), the cached training step's closure cell that holds `step_function` (this model's train_step) is pointed at a frozen copy's train_step: the traces already made are honest, but the next fit() with inputs of another dtype traces the copy's step, so this model never trains again, while everything the model describes is honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import keras, numpy as np
from tensorflow.keras import layers, models
def build():
    m = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
    m.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return m
model, copy = build(), build()
model.fit(np.zeros((4, 64), "float32"), np.zeros((4,), "int32"), verbose=0)
copy.fit(np.zeros((4, 64), "float32"), np.zeros((4,), "int32"), verbose=0)  # its optimizer built
def cells(function, seen=()):
    for name, cell in zip(function.__code__.co_freevars, function.__closure__ or ()):
        value = cell.cell_contents
        yield name, cell
        inner = getattr(value, "_python_function", value)
        if callable(inner) and hasattr(inner, "__code__") and inner not in seen:
            yield from cells(inner, seen + (inner,))
for name, cell in cells(model.train_function):
    if name in ("step_function", "step_func") and getattr(cell.cell_contents, "__self__", None) is model:
        cell.cell_contents = copy.train_step
