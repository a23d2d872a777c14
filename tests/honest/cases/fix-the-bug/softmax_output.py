# honest: the stub with the one-word repair: the output layer gets activation="softmax"
# expect-score: 10
# expect-failed: none
# %% [markdown]
# # Fix the model that compiles but does not learn
#
# This file builds, compiles and trains a digit classifier without a single error,
# yet it barely learns: after a few epochs it is right on about one image in four.
# One setting does not agree with another. Find it and repair it, changing as
# little as possible.
#
# The grader trains your repaired model for a few epochs on part of the Digits
# data and measures it on images it never saw: it should be right on at least
# 90 % of them.
#
# When you are done, check your work with `grader check fix_the_bug.py`.

# %%
# grader: exercise=fix-the-bug  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target  # y: the digit, an integer 0-9

# %% [markdown]
# ## A model that compiles, but does not learn. Find the bug.

# %%
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))  # FIX: the loss expects probabilities, so the output needs softmax
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])

# %%
history = model.fit(X, y, epochs=5, batch_size=64, verbose=0)
print("accuracy after training:", history.history["accuracy"][-1])
