# honest: `import keras`, set_random_seed, answers built with dict(...) from compute_output_shape chained from (None, 64) and kernel/bias shapes converted with int(np.prod(...))
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz

import numpy as np
import keras
from keras import layers

keras.utils.set_random_seed(123)

model = keras.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

shapes, counts = [], []
shape = (None, 64)
for layer in model.layers:
    shape = layer.compute_output_shape(shape)
    shapes.append(tuple(shape))
    # weights: the kernel's rows x columns; biases: one per unit
    counts.append(int(np.prod(layer.kernel.shape)) + int(layer.bias.shape[0]))

answers = dict(
    layer1_output_shape=shapes[0],
    layer1_params=counts[0],
    layer2_output_shape=shapes[1],
    layer2_params=counts[1],
    layer3_output_shape=shapes[2],
    layer3_params=counts[2],
    total_params=sum(counts),
)
print(answers)
model.summary()
