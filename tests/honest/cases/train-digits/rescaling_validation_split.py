# honest: Rescaling(1/16) as the first layer, two hidden layers, 20 epochs with validation_split=0.1
# expect-score: 10
# expect-failed: none
# measured: 97.6 %, 97.1 %, 97.1 %
# %% [markdown]
# # Train on Digits and beat 95 % on images you never see

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
# pixels go from 0 to 16: the Rescaling layer brings them to 0-1 inside the model
model = models.Sequential([
    layers.Input(shape=(64,)),
    layers.Rescaling(1.0 / 16),
    layers.Dense(256, activation="relu"),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(X_train, y_train, epochs=20, batch_size=32, validation_split=0.1, verbose=2)
print("final validation accuracy:", history.history["val_accuracy"][-1])
