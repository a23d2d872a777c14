# %% [markdown]
# # One-hot labels call for categorical cross-entropy
#
# Here the labels are no longer the integers 0-9: `keras.utils.to_categorical`
# turned each one into a vector of 10 numbers with a single 1 (the digit 3 becomes
# [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]).
#
# Compile the wide model with Adam (its default learning rate) and the
# cross-entropy loss that expects labels in this one-hot form, and report
# accuracy. Leave its layers as they are: 38,410 parameters.
#
# When you are done, check your work with `grader check one_hot_labels.py`.

# %%
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data
y_onehot = keras.utils.to_categorical(digits.target, num_classes=10)  # shape (1797, 10)

# %% [markdown]
# ## The wide model (given)

# %%
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# %% [markdown]
# ## Your turn: compile for one-hot labels

# %%
# >>> YOUR CODE HERE: model.compile(...) with Adam, the right loss and accuracy
...
# <<< END OF YOUR CODE
