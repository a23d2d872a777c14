# %% [markdown]
# # Compile with SGD and momentum
#
# Plain stochastic gradient descent moves every weight a fixed fraction of its
# gradient. Momentum keeps part of the previous step, so the descent builds up
# speed in directions that stay consistent and damps the zig-zag in the others.
#
# Compile the wide model with `keras.optimizers.SGD`, a learning rate of 0.01 and
# a momentum of 0.9. Keep the loss that fits integer labels, and report accuracy.
# Leave the model's layers as they are: 38,410 parameters.
#
# When you are done, check your work with `grader check sgd_momentum.py`.

# %%
# grader: exercise=sgd-momentum  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# %% [markdown]
# ## The wide model (given)

# %%
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))

# %% [markdown]
# ## Your turn: compile with SGD and momentum

# %%
# >>> YOUR CODE HERE: model.compile(...) with SGD(learning_rate=0.01, momentum=0.9)
...
# <<< END OF YOUR CODE
