# honest: compiled for the loss and metric, but trained with a custom tf.GradientTape loop over a shuffled tf.data pipeline
# expect-score: 10
# expect-failed: none
# measured: 97.3 %, 97.1 %, 97.3 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

model = models.Sequential([
    keras.Input(shape=(64,)),
    layers.Rescaling(1.0 / 16),
    layers.Dense(256, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
loss_fn = keras.losses.SparseCategoricalCrossentropy()
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss=loss_fn, metrics=["accuracy"])

# my own training loop (we did this in the lab on GradientTape)
optimizer = model.optimizer
train_acc = keras.metrics.SparseCategoricalAccuracy()
dataset = tf.data.Dataset.from_tensor_slices((X_train, y_train)).shuffle(2048, seed=0).batch(32)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        probs = model(x, training=True)
        loss = loss_fn(y, probs)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    train_acc.update_state(y, probs)
    return loss


for epoch in range(20):
    train_acc.reset_state()
    for x_batch, y_batch in dataset:
        loss = train_step(x_batch, y_batch)
    print(f"epoch {epoch + 1:2d}  loss {float(loss):.4f}  accuracy {float(train_acc.result()):.4f}")

print(model.evaluate(X_train, y_train, verbose=0))
