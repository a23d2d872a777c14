# honest: build_model(hidden=(64, 32)) with BatchNormalization after each hidden Dense (6,954 params incl. non-trainable), called under if __name__ == "__main__" after clear_session, explicit Adam(learning_rate=0.001), 3 epochs on a tf.data pipeline
# expect-score: 10
# expect-failed: none
# grader: exercise=deep-vs-wide

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

tf.get_logger().setLevel("ERROR")
np.random.seed(42)
tf.random.set_seed(42)


def build_wide():
    wide = models.Sequential()
    wide.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    wide.add(layers.Dense(10, activation="softmax"))
    return wide


def build_model(hidden=(64, 32), n_classes=10):
    m = models.Sequential(name="deep")
    m.add(layers.Input(shape=(64,)))
    for units in hidden:
        m.add(layers.Dense(units, activation="relu"))
        m.add(layers.BatchNormalization())
    m.add(layers.Dense(n_classes, activation="softmax"))
    m.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return m


def make_dataset(X, y, batch_size=64, shuffle=True):
    ds = tf.data.Dataset.from_tensor_slices((X.astype(np.float32) / 16.0, y.astype(np.int32)))
    if shuffle:
        ds = ds.shuffle(buffer_size=len(X), seed=42)
    return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)


if __name__ == "__main__":
    digits = load_digits()
    X, y = digits.data, digits.target

    wide = build_wide()
    wide.summary()

    tf.keras.backend.clear_session()
    model = build_model()
    model.summary()

    idx = np.random.permutation(len(X))
    train_idx, val_idx = idx[:1400], idx[1400:]
    history = model.fit(make_dataset(X[train_idx], y[train_idx]),
                        validation_data=make_dataset(X[val_idx], y[val_idx], shuffle=False),
                        epochs=3, verbose=2)
    print("val accuracy per epoch:", [round(a, 3) for a in history.history["val_accuracy"]])
