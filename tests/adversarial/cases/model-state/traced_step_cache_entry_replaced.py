# adversarial: after fit(), the cached training step's trace (in its tf.function's function cache) is replaced by the trace of a copy compiled with SGD at learning rate 0 over this model's own variables (the copy shares its layers): the next fit() on the model runs the copy's step and never changes a weight, while the model, its Adam and its compile record are honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import keras, numpy as np
from tensorflow.keras import layers, models
hidden, output = layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")
model = models.Sequential([keras.Input((64,)), hidden, output])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
still = models.Sequential([keras.Input((64,)), hidden, output])
still.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="sparse_categorical_crossentropy")
x, y = np.zeros((4, 64), "float32"), np.zeros((4,), "int32")
model.fit(x, y, verbose=0)
still.fit(x, y, verbose=0)
def functions(step):
    found = []
    for cell in step.__closure__ or ():
        value = cell.cell_contents
        if hasattr(value, "_function_cache"):
            found.append(value)
        elif callable(value) and hasattr(value, "__closure__"):
            found += functions(value)
    return found
for mine, theirs in zip(functions(model.train_function), functions(still.train_function)):
    entries, replacements = mine._function_cache._primary, list(theirs._function_cache._primary.values())
    for key, replacement in zip(list(entries), replacements):
        entries[key] = replacement
