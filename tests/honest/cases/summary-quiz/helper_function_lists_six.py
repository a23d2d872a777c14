# honest: a dense_params(n_in, units) helper, shapes written as lists [None, units], the stub dict filled key by key in a six.moves range loop
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz  (this line tells the grader which exercise this is; keep it)
from __future__ import print_function
from six.moves import range

from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])


def dense_params(n_in, units):
    """weights (n_in x units) + biases (units)"""
    return n_in * units + units


answers = {
    "layer1_output_shape": None,
    "layer1_params": None,
    "layer2_output_shape": None,
    "layer2_params": None,
    "layer3_output_shape": None,
    "layer3_params": None,
    "total_params": None,
}

sizes = [64, 32, 16, 10]  # input, then the units of each Dense layer
total = 0
for i in range(1, len(sizes)):
    n_params = dense_params(sizes[i - 1], sizes[i])
    answers["layer%d_output_shape" % i] = [None, sizes[i]]
    answers["layer%d_params" % i] = n_params
    total += n_params
answers["total_params"] = total

print(answers)
model.summary()
