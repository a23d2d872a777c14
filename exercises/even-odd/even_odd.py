# %% [markdown]
# # A yes/no question: is the digit even?
#
# Instead of recognising the digit, the model now answers one yes/no question:
# is the digit even? The labels are 1 (even) and 0 (odd).
#
# The hidden layer is given. Add an output layer with a single unit and a sigmoid
# activation, which outputs the probability of "even", and compile with Adam (its
# default learning rate), the cross-entropy loss for yes/no targets, and accuracy.
# `model.summary()` should then report 33,793 parameters.
#
# When you are done, check your work with `grader check even_odd.py`.

# %%
# grader: exercise=even-odd  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_even = (digits.target % 2 == 0).astype("int32")  # 1 for an even digit, 0 for an odd one

# %% [markdown]
# ## The hidden layer (given)

# %%
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# %% [markdown]
# ## Your turn: the output layer and the compile call

# %%
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
...
# <<< END OF YOUR CODE
