# honest: Sequential written as a list with keras.Input, from_logits=True, ReduceLROnPlateau, warnings silenced, pandas history table
# expect-score: 10
# expect-failed: none
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)
import warnings

warnings.filterwarnings("ignore")

import pandas as pd
import tensorflow as tf
from sklearn.datasets import load_digits

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
tf.random.set_seed(7)

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

model = tf.keras.Sequential([
    tf.keras.Input(shape=(64,)),
    tf.keras.layers.Dense(512, activation="relu"),
    tf.keras.layers.Dense(10),  # logits
])
# bug was: SparseCategoricalCrossentropy() on logits -> it needs from_logits=True
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])

reduce_lr = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_lr=1e-5)
history = model.fit(X, y, epochs=4, batch_size=64, callbacks=[reduce_lr], verbose=0)

table = pd.DataFrame(history.history)
table.index.name = "epoch"
print(table.round(4))
