# grader: exercise=conv-digits
# Mistake: 32 filters instead of 16 (the number most tutorials use).
from sklearn.datasets import load_digits
from tensorflow.keras import layers, models

digits = load_digits()
X = digits.data.reshape(-1, 8, 8, 1) / 16.0
y = digits.target

model = models.Sequential([
    layers.Conv2D(32, (3, 3), activation='relu', input_shape=(8, 8, 1)),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation='softmax'),
])
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.summary()
