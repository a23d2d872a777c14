# honest: answers computed with NumPy (np.prod of the kernel shapes, np.sum over the layers), so they are numpy.int64 values
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz  (this line tells the grader which exercise this is; keep it)
import numpy as np
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# Dense params = inputs * units (the kernel) + units (the bias)
sizes = np.array([64, 32, 16, 10])
params = sizes[:-1] * sizes[1:] + sizes[1:]
print(params)  # [2080  528  170]

answers = {
    "layer1_output_shape": (None, 32),
    "layer1_params": params[0],
    "layer2_output_shape": (None, 16),
    "layer2_params": params[1],
    "layer3_output_shape": (None, 10),
    "layer3_params": params[2],
    "total_params": np.sum(params),
}

model.summary()
