# %% [markdown]
# # Build the wide Digits model
#
# Build the network from the lesson, layer by layer, and store it in `model`:
#
# - a hidden Dense layer of 512 units with a ReLU activation, reading the 64 pixel
#   values of each image (tell Keras the input shape, or it cannot count weights);
# - an output Dense layer of 10 units with a softmax activation, one per digit.
#
# You do not need to compile it here. When it is right, `model.summary()` reports
# 38,410 parameters: 64 x 512 weights + 512 biases, then 512 x 10 weights + 10 biases.
#
# When you are done, check your work with `grader check build_wide_model.py`.

# %%
# grader: exercise=build-wide-model  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # X: 1797 images as 64 pixel values; y: the digit, an integer 0-9

# %% [markdown]
# ## Your turn: build the model

# %%
# >>> YOUR CODE HERE: build the two-layer model and assign it to `model`
model = None
# <<< END OF YOUR CODE

# %%
model.summary()
