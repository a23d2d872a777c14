# grader: exercise=batchnorm-dropout
# Mistake: RMSprop (from the lesson's earlier exercise) at the right learning rate, instead of Adam.
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential()
model.add(layers.Dense(128, activation="relu", input_shape=(64,)))
model.add(layers.BatchNormalization())
model.add(layers.Dropout(0.3))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.0005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
