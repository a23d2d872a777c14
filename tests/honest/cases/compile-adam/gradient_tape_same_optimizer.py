# honest: one Adam() and one SparseCategoricalCrossentropy() object used in a tf.GradientTape loop (@tf.function step, 2 epochs) and then passed to model.compile
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X_train, X_test, y_train, y_test = train_test_split(
    digits.data.astype("float32"), digits.target, test_size=0.2, random_state=0)

model = tf.keras.models.Sequential([
    tf.keras.layers.Dense(512, activation="relu", input_shape=(64,)),
    tf.keras.layers.Dense(10, activation="softmax"),
])

optimizer = tf.keras.optimizers.Adam()
loss_object = tf.keras.losses.SparseCategoricalCrossentropy()
train_acc = tf.keras.metrics.SparseCategoricalAccuracy()


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        predictions = model(images, training=True)
        loss = loss_object(labels, predictions)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    train_acc.update_state(labels, predictions)
    return loss


train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).shuffle(1500).batch(32)
for epoch in range(2):
    train_acc.reset_state()
    for images, labels in train_ds:
        loss = train_step(images, labels)
    print(f"Epoch {epoch + 1}, Loss: {float(loss):.4f}, Accuracy: {float(train_acc.result()) * 100:.2f}")

model.compile(optimizer=optimizer, loss=loss_object, metrics=["accuracy"])
test_loss, test_acc = model.evaluate(X_test, y_test, verbose=0)
print("test accuracy", test_acc)
