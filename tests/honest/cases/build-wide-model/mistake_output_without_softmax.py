# honest: MISTAKE: output Dense(10) left without an activation (student uses from_logits=True instead of the softmax the exercise asks for); parameter count is still right
# expect-score: 7.5
# expect-failed: layers
# grader: exercise=build-wide-model  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models, losses

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9

# >>> YOUR CODE HERE: build the two-layer model and assign it to `model`
model = models.Sequential([
    layers.Dense(512, activation="relu", input_shape=(64,)),
    layers.Dense(10),  # logits, softmax is done inside the loss
])
# <<< END OF YOUR CODE

model.compile(optimizer="adam",
              loss=losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])

model.summary()
