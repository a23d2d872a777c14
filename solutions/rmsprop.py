"""Reference solution for rmsprop."""
from tensorflow import keras
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.0005),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
