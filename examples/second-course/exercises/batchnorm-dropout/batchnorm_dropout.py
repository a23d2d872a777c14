# %% [markdown]
# # Batch normalization and dropout
#
# Two layers that change how a network trains rather than what it can
# represent:
#
# - BatchNormalization rescales each feature, batch by batch, to a mean of 0
#   and a variance of 1, then applies a scale and an offset it learns. The
#   layer after it sees inputs in a steady range while the weights before it
#   keep changing.
# - Dropout sets a random share of its inputs to 0 at every training step, so
#   the network cannot rely on a few units. It has no weights, and when the
#   model predicts it does nothing.
#
# Build a Sequential network in `model` that reads the 64 pixel values of a
# Digits image, with these layers, in this order:
#
# - a Dense layer of 128 units with a ReLU activation and input shape (64,);
# - a BatchNormalization layer with its default settings;
# - a Dropout layer with a rate of 0.3 (30 % of its inputs dropped while training);
# - an output Dense layer of 10 units with a softmax activation.
#
# Compile it with `keras.optimizers.Adam` at a learning rate of 0.0005, half
# the default, leaving its other settings alone; the loss that suits labels
# given as plain integers 0-9; and accuracy as the metric.
#
# `model.summary()` should report 10,122 parameters: 64 x 128 + 128 = 8,320 in
# the hidden layer; 4 per feature, 512, in BatchNormalization; none in Dropout;
# 128 x 10 + 10 = 1,290 in the output layer. 256 of them are non-trainable:
# BatchNormalization's moving mean and variance, which it tracks while training
# but never learns by gradient descent.
#
# When you are done, check your work with `grader check batchnorm_dropout.py`.

# %%
# grader: exercise=batchnorm-dropout  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9

# %% [markdown]
# ## Your turn: build and compile the network

# %%
# >>> YOUR CODE HERE: build the network described above as `model`, then compile it
...
# <<< END OF YOUR CODE

# %% [markdown]
# ## Where the parameters are
#
# Compare the "Trainable params" and "Non-trainable params" lines of the summary.

# %%
model.summary()
