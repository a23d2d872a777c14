# honest: plain `import keras` script, `from keras.optimizers import SGD`, optimizer object made first (opt = ...), loss object and 'acc', everything under if __name__ == "__main__"
# expect-score: 10
# expect-failed: none
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)
"""SGD with momentum on the digits data -- homework 3."""

import warnings

warnings.filterwarnings("ignore")

import keras
from keras import layers
from keras.optimizers import SGD
from sklearn.datasets import load_digits

LEARNING_RATE = 1e-2
MOMENTUM = 0.9


def build_model():
    net = keras.Sequential()
    net.add(layers.Dense(512, activation="relu", input_shape=(64,)))
    net.add(layers.Dense(10, activation="softmax"))
    return net


if __name__ == "__main__":
    digits = load_digits()
    X, y = digits.data, digits.target

    model = build_model()
    opt = SGD(learning_rate=LEARNING_RATE, momentum=MOMENTUM)
    model.compile(optimizer=opt,
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=["acc"])
    model.summary()
    print("optimizer:", opt.get_config()["learning_rate"], opt.get_config()["momentum"])
