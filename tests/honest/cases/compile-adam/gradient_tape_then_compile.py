# honest: a custom training loop with tf.GradientTape and its own Adam for 2 epochs, then model.compile(optimizer="adam", ...) as the exercise asks
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import numpy as np
import tensorflow as tf
from tensorflow import keras
from sklearn.datasets import load_digits

tf.random.set_seed(1)

digits = load_digits()
X = (digits.data / 16.0).astype("float32")
y = digits.target.astype("int32")

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])

# First, the training loop from the lecture, written by hand
loop_optimizer = keras.optimizers.Adam()
loss_fn = keras.losses.SparseCategoricalCrossentropy()
dataset = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(2000, seed=1).batch(64)

for epoch in range(2):
    losses = []
    for xb, yb in dataset:
        with tf.GradientTape() as tape:
            preds = model(xb, training=True)
            loss = loss_fn(yb, preds)
        grads = tape.gradient(loss, model.trainable_variables)
        loop_optimizer.apply_gradients(zip(grads, model.trainable_variables))
        losses.append(float(loss))
    print(f"epoch {epoch + 1}: loss {np.mean(losses):.4f}")

# Now the exercise: compile it the Keras way
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print(model.evaluate(X, y, verbose=0))
