# grader: exercise=batchnorm-dropout
# Mistake: normalises before the activation (Dense without relu, BatchNormalization, then a
# separate Activation layer), a common pattern, but not the architecture asked for.
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(128, input_shape=(64,)))
model.add(layers.BatchNormalization())
model.add(layers.Activation("relu"))
model.add(layers.Dropout(0.3))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.summary()
