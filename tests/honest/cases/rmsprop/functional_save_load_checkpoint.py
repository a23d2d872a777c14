# honest: standalone `import keras`, functional API, RMSprop(learning_rate=0.0005), SparseCategoricalCrossentropy() object, ModelCheckpoint, then model.save("m.keras") and model = keras.models.load_model("m.keras")
# expect-score: 10
# expect-failed: none
# grader: exercise=rmsprop  (this line tells the grader which exercise this is; keep it)

import keras
from keras import layers
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X, y = digits.data / 16.0, digits.target
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=0)

inp = keras.Input(shape=(64,))
x = layers.Dense(512, activation="relu")(inp)
out = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inp, out)

model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=0.0005),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=["accuracy"],
)

checkpoint = keras.callbacks.ModelCheckpoint("checkpoint.keras", monitor="val_accuracy", save_best_only=True, verbose=1)
model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=3, batch_size=32, callbacks=[checkpoint], verbose=2)

# keep the trained model on disk and make sure it loads back
model.save("m.keras")
model = keras.models.load_model("m.keras")
model.summary()
print("reloaded:", model.evaluate(X_val, y_val, verbose=0))
