# honest: mistake: right learning rate and momentum but nesterov=True added ("Nesterov is the better momentum"); tf.data pipeline, ModelCheckpoint, 2 epochs
# expect-score: 8
# expect-failed: optimizer
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import callbacks, layers, models, optimizers

digits = load_digits()
X, y = digits.data.astype(np.float32) / 16.0, digits.target.astype(np.int32)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)

train_ds = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(len(X_tr), seed=0).batch(32).prefetch(tf.data.AUTOTUNE)
test_ds = tf.data.Dataset.from_tensor_slices((X_te, y_te)).batch(64)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer=optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

ckpt = callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
model.fit(train_ds, validation_data=test_ds, epochs=2, callbacks=[ckpt], verbose=2)
print(model.evaluate(test_ds, verbose=0))
