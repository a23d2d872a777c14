# honest: `from keras.utils import to_categorical`, functional API in a function returning the model, Adam object, string loss, CSVLogger + ModelCheckpoint, model saved to m.keras and loaded back into `model`
# expect-score: 10
# expect-failed: none
# grader: exercise=one-hot-labels  (this line tells the grader which exercise this is; keep it)

import keras
from keras import layers
from keras.utils import to_categorical
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data / 16.0
y_onehot = to_categorical(digits.target, num_classes=10)


def make_model():
    inputs = keras.Input(shape=(64,))
    h = layers.Dense(512, activation="relu")(inputs)
    probs = layers.Dense(10, activation="softmax")(h)
    m = keras.Model(inputs=inputs, outputs=probs)
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss="categorical_crossentropy",
              metrics=["accuracy"])
    return m


model = make_model()
model.fit(
    X, y_onehot,
    epochs=2,
    validation_split=0.2,
    callbacks=[keras.callbacks.CSVLogger("history.csv"),
               keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True)],
    verbose=2,
)

model.save("m.keras")
model = keras.models.load_model("m.keras")
print(model.evaluate(X, y_onehot, verbose=0))
