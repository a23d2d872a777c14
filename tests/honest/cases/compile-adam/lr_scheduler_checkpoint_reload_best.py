# honest: the Keras docs' LearningRateScheduler (keeps the rate for the first 10 epochs, so unchanged in 5), EarlyStopping + ModelCheckpoint, then model = load_model("best.keras")
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import tensorflow as tf
from tensorflow import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X_train, X_val, y_train, y_val = train_test_split(digits.data / 16.0, digits.target,
                                                  test_size=0.2, random_state=42)

model = keras.Sequential([
    keras.layers.Dense(512, activation="relu", input_shape=(64,)),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])


def scheduler(epoch, lr):
    if epoch < 10:
        return lr
    else:
        return lr * tf.math.exp(-0.1)


callbacks = [
    keras.callbacks.LearningRateScheduler(scheduler),
    keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True),
    keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True),
]
history = model.fit(X_train, y_train, validation_data=(X_val, y_val),
                    epochs=5, callbacks=callbacks, verbose=0)

model = keras.models.load_model("best.keras")
print(model.evaluate(X_val, y_val, verbose=0))
