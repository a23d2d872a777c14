# honest: script with train() called under if __name__ == "__main__", RMSprop(0.0005) positionally from `from tensorflow.keras.optimizers import RMSprop`, learning_rate=0.0005 spelled out in a constant, TensorBoard(log_dir="logs") and a custom Callback, 2 epochs
# expect-score: 10
# expect-failed: none
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

import os
import sys
import warnings

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
warnings.filterwarnings("ignore", category=UserWarning)

import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow.keras.callbacks import Callback, TensorBoard
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential
from tensorflow.keras.optimizers import RMSprop

tf.get_logger().setLevel("ERROR")

LR = 0.0005  # half of RMSprop's default 0.001


class EpochPrinter(Callback):
    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        print("epoch {:d}: loss={:.4f} accuracy={:.4f}".format(epoch + 1, logs.get("loss"), logs.get("accuracy")))
        sys.stdout.flush()


digits = load_digits()
X, y = digits.data / 16.0, digits.target

model = Sequential()
model.add(Dense(512, activation="relu", input_shape=(64,)))
model.add(Dense(10, activation="softmax"))
model.compile(optimizer=RMSprop(LR), loss="sparse_categorical_crossentropy", metrics=["accuracy"])


def train(epochs=2):
    tb = TensorBoard(log_dir="logs", histogram_freq=1)
    return model.fit(X, y, epochs=epochs, batch_size=32, validation_split=0.1,
                     callbacks=[tb, EpochPrinter()], verbose=0)


if __name__ == "__main__":
    train()
