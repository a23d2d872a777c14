# adversarial: changes cwd into a new subfolder and writes 3000 files there, then builds a correct model
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
import os

os.makedirs("junk/deeper", exist_ok=True)
os.chdir("junk/deeper")
for i in range(3000):
    with open(f"f{i}.txt", "w") as f:
        f.write("junk")
os.chdir("..")

import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
