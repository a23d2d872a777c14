# honest: TensorBoard(log_dir="logs"), a keras.callbacks.Callback subclass that prints each epoch and a LambdaCallback that records batch losses
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import datetime

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers


class PrintProgress(keras.callbacks.Callback):
    """Prints one short line per epoch instead of the progress bar."""

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        print(f"epoch {epoch + 1}: loss={logs.get('loss'):.4f} acc={logs.get('accuracy'):.4f} "
              f"val_acc={logs.get('val_accuracy'):.4f}")


digits = load_digits()
X, y = digits.data, digits.target

model = keras.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

batch_losses = []
record = keras.callbacks.LambdaCallback(on_batch_end=lambda batch, logs: batch_losses.append(logs["loss"]))
log_dir = "logs/fit/" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
tensorboard = keras.callbacks.TensorBoard(log_dir=log_dir, histogram_freq=1)

model.fit(X, y, epochs=3, validation_split=0.2, verbose=0,
          callbacks=[tensorboard, PrintProgress(), record])
print(len(batch_losses), "batches recorded, last loss", batch_losses[-1])
