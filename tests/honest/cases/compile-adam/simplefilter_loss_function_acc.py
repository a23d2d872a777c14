# honest: warnings.simplefilter("ignore", UserWarning), tf.keras.optimizers.Adam(), the loss passed as the function keras.losses.sparse_categorical_crossentropy, metrics=['acc']
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import warnings
warnings.simplefilter(action="ignore", category=UserWarning)
warnings.simplefilter(action="ignore", category=FutureWarning)

import tensorflow as tf
from tensorflow import keras
from sklearn.datasets import load_digits

digits = load_digits()
X, y = digits.data, digits.target

model = keras.models.Sequential()
model.add(keras.layers.Dense(512, activation=tf.nn.relu, input_shape=(64,)))
model.add(keras.layers.Dense(10, activation=tf.nn.softmax))

model.compile(optimizer=tf.keras.optimizers.Adam(),
              loss=keras.losses.sparse_categorical_crossentropy,
              metrics=['acc'])

model.fit(X, y, epochs=2, batch_size=128, verbose=0)
print(model.evaluate(X, y, verbose=0))
