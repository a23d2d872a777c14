# honest: the stub with every answer typed in literally as tuples and ints, with the working in comments
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz  (this line tells the grader which exercise this is; keep it)

from tensorflow.keras import layers, models

# ## The model (given: do not change it)
model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# ## Your turn: what will model.summary() show?
# >>> YOUR CODE HERE: replace each None, e.g. (None, 8) for a shape and 72 for a count
answers = {
    "layer1_output_shape": (None, 32),   # batch size unknown, 32 units
    "layer1_params": 2080,               # 64 inputs * 32 units = 2048 weights, + 32 biases
    "layer2_output_shape": (None, 16),
    "layer2_params": 528,                # 32 * 16 = 512, + 16
    "layer3_output_shape": (None, 10),
    "layer3_params": 170,                # 16 * 10 = 160, + 10
    "total_params": 2778,                # 2080 + 528 + 170
}
# <<< END OF YOUR CODE

model.summary()
