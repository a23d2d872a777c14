# honest: StandardScaler fitted on X_train, its mean and variance given to a Normalization layer inside the model
# expect-score: 10
# expect-failed: none
# measured: 97.3 %, 97.6 %, 97.1 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

# The grader gives the model raw pixels, so the scaling has to be part of the model.
# I use sklearn's StandardScaler to get the statistics and put them in a Normalization layer.
scaler = StandardScaler().fit(X_train)

model = models.Sequential([
    keras.Input(shape=(64,)),
    layers.Normalization(mean=scaler.mean_, variance=scaler.var_),
    layers.Dense(128, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=20, batch_size=32, verbose=0)

# sanity check: the layer does what the scaler does
print(abs(model.layers[0](X_train[:5]).numpy() - scaler.transform(X_train[:5])).max())
