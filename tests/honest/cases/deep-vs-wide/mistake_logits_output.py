# honest: MISTAKE: two hidden layers of 64 but the output Dense(10) has no softmax (logits, with from_logits=True in the loss), where the exercise asks for the same 10-unit softmax output
# expect-score: 8.5
# expect-failed: budget
# grader: exercise=deep-vs-wide

import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
X, y = digits.data / 16.0, digits.target

wide = tf.keras.Sequential([
    tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)),
    tf.keras.layers.Dense(10, activation="softmax"),
])
wide.summary()

# The TF beginner tutorial leaves the last layer linear and puts the softmax in the loss.
model = tf.keras.Sequential([
    tf.keras.layers.Dense(64, activation="relu", input_shape=(64,)),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(10),
])
model.compile(
    optimizer="adam",
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
model.summary()

model.fit(X, y, epochs=2, batch_size=64, verbose=2)
probs = tf.nn.softmax(model(X[:5])).numpy()
print(probs.argmax(axis=1), y[:5])
