# adversarial: the exercise stub handed in unchanged (with only this header added)
# expect-status: failed
# expect-kind: not_attempted
# expect-max-score: 0
# %% [markdown]
# # Compile the wide Digits model with Adam
#
# The model below is already built: a wide network with one hidden layer of 512
# ReLU units reading the 64 pixel values of a Digits image, and a 10-unit softmax
# output, one unit per digit. Before Keras can train it, the model must be
# compiled. Compile it so that:
#
# - the Adam optimizer (with its default settings) updates the weights;
# - the loss suits labels that are plain integers 0-9, not one-hot vectors;
# - Keras reports accuracy while it trains and evaluates.
#
# Leave the layers as they are: `model.summary()` should still report
# 38,410 parameters, all of them trainable.
#
# When you are done, check your work with `grader check compile_adam.py`.

# %%
# grader: exercise=compile-adam  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9

# %% [markdown]
# ## The wide model (given)

# %%
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# %% [markdown]
# ## Your turn: compile the model

# %%
# >>> YOUR CODE HERE: call model.compile(...) with an optimizer, a loss and metrics
...
# <<< END OF YOUR CODE

# %%
model.summary()
