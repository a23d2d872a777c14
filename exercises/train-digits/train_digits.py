# %% [markdown]
# # Train on Digits and beat 95 % on images you never see
#
# The stub gives you three quarters of the Digits images (`X_train`, `y_train`);
# the grader keeps the other quarter. Build a model, compile it and train it with
# `model.fit` on what you have, with the loss that suits integer labels and
# accuracy as its metric. The grader then takes your trained weights and
# measures your model on the images it kept back: at least 95 % of them must be
# recognised correctly.
#
# The grader gives your model those images as `X_train` holds them: pixel values
# from 0 to 16. If you scale or standardise the inputs, do it inside the model,
# with a first layer such as `keras.layers.Rescaling(1 / 16)` or a
# `keras.layers.Normalization()` you `adapt()` to `X_train`.
#
# When you are done, check your work with `grader check train_digits.py`.

# %%
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

# %% [markdown]
# ## Your turn: build, compile and train `model`

# %%
# >>> YOUR CODE HERE: build the model, compile it, then model.fit(X_train, y_train, ...)
model = None
# <<< END OF YOUR CODE
