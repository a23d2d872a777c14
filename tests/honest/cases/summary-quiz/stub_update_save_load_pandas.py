# honest: clear_session first, the stub dict kept and filled with answers.update({...}) (arithmetic), a pandas table of my answers vs the model, the model saved to .keras and loaded back
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz  (this line tells the grader which exercise this is; keep it)

import pandas as pd
import tensorflow as tf
from tensorflow.keras import layers, models

tf.keras.backend.clear_session()

# ## The model (given: do not change it)
model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# >>> YOUR CODE HERE: replace each None, e.g. (None, 8) for a shape and 72 for a count
answers = {
    "layer1_output_shape": None,
    "layer1_params": None,
    "layer2_output_shape": None,
    "layer2_params": None,
    "layer3_output_shape": None,
    "layer3_params": None,
    "total_params": None,
}
answers.update({
    "layer1_output_shape": (None, 32),
    "layer1_params": 64 * 32 + 32,
    "layer2_output_shape": (None, 16),
    "layer2_params": 32 * 16 + 16,
    "layer3_output_shape": (None, 10),
    "layer3_params": 16 * 10 + 10,
})
answers["total_params"] = answers["layer1_params"] + answers["layer2_params"] + answers["layer3_params"]
# <<< END OF YOUR CODE

model.summary()

table = pd.DataFrame({
    "layer": [l.name for l in model.layers],
    "my_shape": [answers[f"layer{i}_output_shape"] for i in (1, 2, 3)],
    "keras_shape": [l.output.shape for l in model.layers],
    "my_params": [answers[f"layer{i}_params"] for i in (1, 2, 3)],
    "keras_params": [l.count_params() for l in model.layers],
})
print(table.to_string(index=False))

model.save("quiz_model.keras")
reloaded = tf.keras.models.load_model("quiz_model.keras")
print("reloaded total:", reloaded.count_params(), "mine:", answers["total_params"])
