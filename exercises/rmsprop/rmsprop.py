# %% [markdown]
# # Compile with RMSprop
#
# RMSprop keeps a running average of each weight's recent squared gradients and
# divides the step by its square root: weights with large, noisy gradients take
# smaller steps, weights with small ones take larger steps.
#
# Compile the wide model with `keras.optimizers.RMSprop` and a learning rate of
# 0.0005 (half the default). Keep the loss for integer labels, and report accuracy.
# Leave the model's layers as they are: 38,410 parameters.
#
# When you are done, check your work with `grader check rmsprop.py`.

# %%
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

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
# ## Your turn: compile with RMSprop

# %%
# >>> YOUR CODE HERE: model.compile(...) with RMSprop(learning_rate=0.0005)
...
# <<< END OF YOUR CODE
