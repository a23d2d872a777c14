# honest: builds the given model, keras.models.clone_model(model) to get fresh weights, then compiles the clone as `model`
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
from tensorflow import keras
from tensorflow.keras import layers, models
from sklearn.datasets import load_digits

digits = load_digits()
X, y = digits.data, digits.target

base = models.Sequential()
base.add(layers.Dense(512, activation="relu", input_shape=(64,)))
base.add(layers.Dense(10, activation="softmax"))

# copy the architecture (new weights) so the original stays untouched
model = keras.models.clone_model(base)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

print("params:", model.count_params())
print(model.evaluate(X, y, verbose=0))
