# honest: tf.keras prefix everywhere, six.moves range, two hidden layers of 32 (3,466 params), both summaries captured with print_fn and compared layer by layer in a pandas table
# expect-score: 10
# expect-failed: none
# grader: exercise=deep-vs-wide
from six.moves import range

import pandas as pd
import tensorflow as tf
from sklearn.datasets import load_digits

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)

digits = load_digits()
X, y = digits.data, digits.target

wide = tf.keras.models.Sequential()
wide.add(tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)))
wide.add(tf.keras.layers.Dense(10, activation="softmax"))

n_hidden = 2
model = tf.keras.models.Sequential()
model.add(tf.keras.Input(shape=(64,)))
for i in range(n_hidden):
    model.add(tf.keras.layers.Dense(32, activation="relu", name="hidden_%d" % (i + 1)))
model.add(tf.keras.layers.Dense(10, activation="softmax", name="output"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

tables = {}
for name, m in [("wide", wide), ("deep", model)]:
    lines = []
    m.summary(print_fn=lambda s, **kw: lines.append(s))
    tables[name] = "\n".join(lines)
    print(tables[name])

rows = []
for name, m in [("wide", wide), ("deep", model)]:
    for layer in m.layers:
        rows.append({"model": name, "layer": layer.name, "units": layer.units,
                     "params": layer.count_params()})
df = pd.DataFrame(rows)
print(df.to_string(index=False))
print(df.groupby("model")["params"].sum())
