# honest: standalone `import keras`, seeds and warnings silenced, keras.Input first, named layers, summary captured with print_fn and written to a file
# expect-score: 10
# expect-failed: none
# grader: exercise=build-wide-model

import warnings
warnings.filterwarnings("ignore")

import numpy as np
import keras
from keras import layers
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)
np.random.seed(42)

digits = load_digits()
X, y = digits.data, digits.target

model = keras.Sequential(
    [
        keras.Input(shape=(64,), name="pixels"),
        layers.Dense(512, activation="relu", name="hidden_512"),
        layers.Dense(10, activation="softmax", name="digit_probs"),
    ],
    name="wide_digits",
)

lines = []
model.summary(print_fn=lambda s, **kwargs: lines.append(s))
with open("summary.txt", "w", encoding="utf-8") as fh:
    fh.write("\n".join(lines))

print("\n".join(lines))
for layer in model.layers:
    print(f"{layer.name:>12}: {layer.count_params():>6} params")

# quick sanity check that the model produces a probability per class
probs = model.predict(X[:3] / 16.0, verbose=0)
print(probs.shape, probs.sum(axis=1))
