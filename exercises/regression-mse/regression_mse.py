# %% [markdown]
# # Predict a number: mean squared error
#
# A regression model predicts a number rather than a class. As an exercise, treat
# each image's digit as a number to estimate: the target is the digit value as a
# float, and a prediction of 6.8 for a 7 is close, not simply wrong.
#
# The hidden layer is given. Add an output layer of one unit with no activation
# (a linear output, so any number can come out), and compile with Adam (its
# default learning rate), the mean squared error loss, and the mean absolute error
# as a metric. `model.summary()` should then report 33,793 parameters.
#
# When you are done, check your work with `grader check regression_mse.py`.

# %%
# grader: exercise=regression-mse  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_value = digits.target.astype("float32")  # the digit as a number to estimate

# %% [markdown]
# ## The hidden layer (given)

# %%
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))

# %% [markdown]
# ## Your turn: a linear output and the compile call

# %%
# >>> YOUR CODE HERE: add the output layer, then model.compile(...)
...
# <<< END OF YOUR CODE
