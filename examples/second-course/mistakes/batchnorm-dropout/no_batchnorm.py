# grader: exercise=batchnorm-dropout
# Mistake: the BatchNormalization layer is left out (512 parameters fewer).
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(128, activation="relu", input_shape=(64,)))
model.add(layers.Dropout(0.3))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.summary()
