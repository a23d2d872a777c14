# honest: from keras.models import Sequential / from keras.layers import Dense, Input, named layers, metrics=['acc'], tf.data pipelines and ModelCheckpoint("best.keras", save_best_only=True)
# expect-score: 10
# expect-failed: none
# grader: exercise=compile-adam
import tensorflow as tf
from keras.models import Sequential
from keras.layers import Dense, Input
from keras.callbacks import ModelCheckpoint
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
X = digits.data.astype("float32") / 16.0
y = digits.target
X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.2, random_state=7)

train_ds = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(1000, seed=7).batch(32)
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(32)

model = Sequential(name="digits_wide")
model.add(Input(shape=(64,)))
model.add(Dense(512, activation="relu", name="hidden_512"))
model.add(Dense(10, activation="softmax", name="output_10"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["acc"])

checkpoint = ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True)
model.fit(train_ds, validation_data=val_ds, epochs=3, callbacks=[checkpoint], verbose=2)
