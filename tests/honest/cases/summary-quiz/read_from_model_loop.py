# honest: answers read off the model in a loop (layer.output.shape, layer.count_params(), model.count_params()) with f-string keys, then checked against the Total params line parsed from summary(print_fn=...)
# expect-score: 10
# expect-failed: none
# grader: exercise=summary-quiz

import re
import warnings

warnings.filterwarnings("ignore")

from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

answers = {}
for i, layer in enumerate(model.layers, start=1):
    answers[f"layer{i}_output_shape"] = layer.output.shape
    answers[f"layer{i}_params"] = layer.count_params()
answers["total_params"] = model.count_params()

print(answers)

lines = []
model.summary(print_fn=lambda s: lines.append(s))
text = "\n".join(lines)
print(text)
match = re.search(r"Total params: ([\d,]+)", text)
assert match and int(match.group(1).replace(",", "")) == answers["total_params"]
