# honest: MISTAKE: shapes right but every parameter count forgets the biases (inputs x units only), so the three layer counts and the total are wrong
# expect-score: 4.2857
# expect-failed: quiz
# grader: exercise=summary-quiz  (this line tells the grader which exercise this is; keep it)

from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# >>> YOUR CODE HERE: replace each None, e.g. (None, 8) for a shape and 72 for a count
# each unit is connected to every input -> inputs * units connections
answers = {
    "layer1_output_shape": (None, 32),
    "layer1_params": 64 * 32,   # 2048
    "layer2_output_shape": (None, 16),
    "layer2_params": 32 * 16,   # 512
    "layer3_output_shape": (None, 10),
    "layer3_params": 16 * 10,   # 160
    "total_params": 64 * 32 + 32 * 16 + 16 * 10,  # 2720
}
# <<< END OF YOUR CODE

model.summary()
