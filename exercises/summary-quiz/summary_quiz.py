# %% [markdown]
# # Read a model like summary() does
#
# Before running `model.summary()`, work out what it will print for the model
# below. For each layer, write its output shape (the batch size comes first and is
# None) and its number of parameters: a Dense layer has one weight per input and
# unit, plus one bias per unit. Then the total. Fill in the `answers` dict, and
# only then run the summary to check yourself.
#
# When you are done, check your work with `grader check summary_quiz.py`.

# %%
# grader: exercise=summary-quiz  (this line tells the grader which exercise this is; keep it)

from tensorflow.keras import layers, models

# %% [markdown]
# ## The model (given: do not change it)

# %%
model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

# %% [markdown]
# ## Your turn: what will model.summary() show?

# %%
# >>> YOUR CODE HERE: replace each None, e.g. (None, 8) for a shape and 72 for a count
answers = {
    "layer1_output_shape": None,
    "layer1_params": None,
    "layer2_output_shape": None,
    "layer2_params": None,
    "layer3_output_shape": None,
    "layer3_params": None,
    "total_params": None,
}
# <<< END OF YOUR CODE

# %%
model.summary()
