# honest: `import tensorflow as tf` only, tf.keras.Sequential with input_shape and tf.nn.relu / tf.nn.softmax activations, compat logging, seeds, a tf.data pipeline and 2 epochs with EarlyStopping
# expect-score: 10
# expect-failed: none
# grader: exercise=build-wide-model

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)
tf.random.set_seed(1234)
np.random.seed(1234)

digits = load_digits()
X, y = digits.data, digits.target

model = tf.keras.models.Sequential([
    tf.keras.layers.Dense(512, activation=tf.nn.relu, input_shape=(64,)),
    tf.keras.layers.Dense(10, activation=tf.nn.softmax),
])
model.summary()

# a small input pipeline, like in the tf.data tutorial
ds = tf.data.Dataset.from_tensor_slices((X.astype("float32") / 16.0, y))
ds = ds.shuffle(len(X), seed=1234)
val_ds = ds.take(300).batch(64)
train_ds = ds.skip(300).batch(64).prefetch(tf.data.AUTOTUNE)

model.compile(optimizer=tf.keras.optimizers.Adam(),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(),
              metrics=["accuracy"])
early = tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=1, restore_best_weights=True)
model.fit(train_ds, validation_data=val_ds, epochs=2, callbacks=[early], verbose=2)
print("parameters:", model.count_params())
