# honest: old-tutorial style `from keras.models import Sequential`, six.moves range, layers added in a loop with input_dim=64 on the first, one epoch, saved to .keras and loaded back, clone_model for a side experiment
# expect-score: 10
# expect-failed: none
# grader: exercise=build-wide-model
from __future__ import print_function

from six.moves import range

import keras
from keras.models import Sequential, load_model, clone_model
from keras.layers import Dense
from sklearn.datasets import load_digits

digits = load_digits()
X, y = digits.data / 16.0, digits.target

spec = [(512, "relu"), (10, "softmax")]

model = Sequential()
for i in range(len(spec)):
    units, act = spec[i]
    if i == 0:
        model.add(Dense(units, activation=act, input_dim=64))
    else:
        model.add(Dense(units, activation=act))

model.summary()

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=1, batch_size=64, verbose=0)

# save and reload, to make sure the file works for next week's lab
model.save("wide_model.keras")
model = load_model("wide_model.keras")
print("reloaded:", model.count_params(), "params")

# side experiment: same architecture, fresh weights
fresh = clone_model(model)
print("clone has", fresh.count_params(), "params too")
