# grader: exercise=batchnorm-dropout
# Mistake: Dropout(0.5), the rate most examples use, instead of 0.3.
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
X, y = digits.data, digits.target

model = models.Sequential([
    layers.Dense(128, activation='relu', input_shape=(64,)),
    layers.BatchNormalization(),
    layers.Dropout(0.5),
    layers.Dense(10, activation='softmax'),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0005),
              loss='sparse_categorical_crossentropy', metrics=['accuracy'])
