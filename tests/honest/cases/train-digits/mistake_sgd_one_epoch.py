# honest: trains for a single epoch with plain SGD at learning_rate=0.0001, far too little to learn Digits
# expect-score: 2
# expect-failed: behaviour
# measured: 9.1 %, 22.0 %, 6.9 %
# grader: exercise=train-digits  (this line tells the grader which exercise this is; keep it)

from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers, models

digits = load_digits()
# The grader keeps the other quarter to measure your model on images it never saw.
X_train, _, y_train, _ = train_test_split(digits.data.astype("float32"), digits.target, test_size=0.25,
                                          random_state=0, stratify=digits.target)

model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
# small learning rate so it does not overshoot; one epoch to keep it quick
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0001),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(X_train, y_train, epochs=1, batch_size=64)
print("accuracy:", history.history["accuracy"][-1])
