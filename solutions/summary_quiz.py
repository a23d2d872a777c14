"""Reference solution for summary-quiz (worked out by hand; the grader checks it against the model)."""
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

answers = {
    "layer1_output_shape": (None, 32),
    "layer1_params": 64 * 32 + 32,  # 2,080
    "layer2_output_shape": (None, 16),
    "layer2_params": 32 * 16 + 16,  # 528
    "layer3_output_shape": (None, 10),
    "layer3_params": 16 * 10 + 10,  # 170
    "total_params": 2778,
}
