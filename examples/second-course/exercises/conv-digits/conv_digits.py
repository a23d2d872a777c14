# %% [markdown]
# # A small convolutional network for Digits
#
# A Dense network reads a Digits image as a flat row of 64 numbers, so it never
# knows which pixels sit next to each other. A convolutional layer keeps the
# 8 x 8 grid: it slides small filters over the image and, at every position,
# measures how much the patch under it looks like each filter's pattern. The
# code below already turns the data into images of 8 x 8 pixels with one (grey)
# channel, scaled to the range 0-1.
#
# Build a Sequential network in `model` with these layers, in this order:
#
# - a Conv2D layer with 16 filters, a 3 x 3 kernel and a ReLU activation,
#   reading inputs of shape (8, 8, 1); it outputs 16 maps of 6 x 6;
# - a MaxPooling2D layer with a 2 x 2 pool, which keeps the largest value of
#   each 2 x 2 patch and so shrinks every map to 3 x 3;
# - a Flatten layer, which lays the 3 x 3 x 16 values out as one row of 144;
# - an output Dense layer of 10 units with a softmax activation, one unit per digit.
#
# Then compile it with the Adam optimizer at its default settings (a learning
# rate of 0.001), the loss that suits labels given as plain integers 0-9, and
# accuracy as the metric.
#
# `model.summary()` should report 1,610 parameters, all trainable: the
# convolution has 3 x 3 x 1 x 16 kernel weights + 16 biases = 160, pooling and
# flattening have none, and the output layer has 144 x 10 + 10 = 1,450.
#
# When you are done, check your work with `grader check conv_digits.py`.

# %%
# grader: exercise=conv-digits  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
# Each row of digits.data is an 8 x 8 image flattened to 64 pixel values from 0 to 16. A convolution
# reads images, so give each one back its height, width and a single (grey) channel, scaled to 0-1.
X = digits.data.reshape(-1, 8, 8, 1) / 16.0
y = digits.target  # the digit, an integer 0-9
print(X.shape, y.shape)  # (1797, 8, 8, 1) (1797,)

# %% [markdown]
# ## Your turn: build and compile the convolutional network

# %%
# >>> YOUR CODE HERE: build the network described above as `model`, then compile it
...
# <<< END OF YOUR CODE

# %% [markdown]
# ## Look at the shapes
#
# Follow an image through the network: each row of the summary shows what one layer hands on.

# %%
model.summary()
