# honest: import keras, functional API with keras.Model(inputs, outputs), loss and metric objects (SparseCategoricalCrossentropy, SparseCategoricalAccuracy), print(model.summary())
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import keras
from keras import layers
from sklearn.datasets import load_digits

keras.utils.set_random_seed(0)

digits = load_digits()
X, y = digits.data, digits.target

inputs = keras.Input(shape=(64,), name="pixels")
hidden = layers.Dense(512, activation="relu", name="hidden")(inputs)
outputs = layers.Dense(10, activation="softmax", name="digit")(hidden)
model = keras.Model(inputs=inputs, outputs=outputs, name="wide_digits")

model.compile(
    optimizer=keras.optimizers.Adam(),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)

print(model.summary())
