# honest: Sequential([...]) with keras.Input and named layers, summary written to summary.txt through print_fn, a count_params() assertion
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
from tensorflow import keras
from tensorflow.keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
X, y = digits.data, digits.target

model = keras.Sequential(
    [
        keras.Input(shape=(64,), name="pixels"),
        layers.Dense(512, activation="relu", name="hidden"),
        layers.Dense(10, activation="softmax", name="probabilities"),
    ],
    name="wide_model",
)

model.compile(
    optimizer="adam",
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

with open("summary.txt", "w", encoding="utf-8") as fh:
    model.summary(print_fn=lambda line, **kwargs: fh.write(line + "\n"))

assert model.count_params() == 38410, model.count_params()
print(open("summary.txt", encoding="utf-8").read())
