# %% [markdown]
# # Deep versus wide: a narrower, deeper network on a budget
#
# The lesson's model is wide: one hidden layer of 512 units, 38,410 parameters.
# Build a deeper, narrower one instead: at least two hidden Dense layers, at most
# 20,000 parameters in all, the same 64 inputs and the same 10-unit softmax output.
# Compile it like the lesson's model (Adam with its default learning rate, the loss
# for integer labels, accuracy), then compare the two `model.summary()` tables: where do the parameters go?
#
# When you are done, check your work with `grader check deep_vs_wide.py`.

# %%
# grader: exercise=deep-vs-wide  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# %% [markdown]
# ## The wide model, for comparison

# %%
wide = models.Sequential()
wide.add(layers.Dense(512, activation="relu", input_shape=(64,)))
wide.add(layers.Dense(10, activation="softmax"))
wide.summary()

# %% [markdown]
# ## Your turn: a deeper, narrower model within 20,000 parameters

# %%
# >>> YOUR CODE HERE: build and compile `model`
model = None
# <<< END OF YOUR CODE

# %%
model.summary()
