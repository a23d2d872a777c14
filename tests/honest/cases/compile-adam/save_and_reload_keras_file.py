# honest: compiles, trains 3 epochs, model.save("digits.keras") then model = keras.models.load_model("digits.keras") and evaluates the reloaded model
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X_train, X_test, y_train, y_test = train_test_split(digits.data, digits.target, random_state=3)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=3, verbose=0)

before = model.evaluate(X_test, y_test, verbose=0)
model.save("digits.keras")

# reload it to be sure saving worked
model = keras.models.load_model("digits.keras")
after = model.evaluate(X_test, y_test, verbose=0)
print("before saving:", before)
print("after loading:", after)
