# honest: stub filled with keras.Input and a `for units in [64, 64]` loop of hidden layers, compiled with the lesson's strings, both summaries and a printed parameter comparison
# expect-score: 10
# expect-failed: none
# grader: exercise=deep-vs-wide  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# ## The wide model, for comparison
wide = models.Sequential()
wide.add(layers.Dense(512, activation="relu", input_shape=(64,)))
wide.add(layers.Dense(10, activation="softmax"))
wide.summary()

# ## Your turn: a deeper, narrower model within 20,000 parameters
# >>> YOUR CODE HERE: build and compile `model`
model = models.Sequential()
model.add(keras.Input(shape=(64,)))
for units in [64, 64]:
    model.add(layers.Dense(units, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# <<< END OF YOUR CODE

model.summary()

print(f"wide: {wide.count_params():,} parameters, deep: {model.count_params():,} parameters")
print(f"the deep one uses {model.count_params() / wide.count_params():.0%} of the wide one's weights")
# Most of the wide model's weights sit in the 64 x 512 first layer; the deep model spreads
# far fewer weights over two small hidden layers.
