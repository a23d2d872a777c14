# adversarial: Adam's _learning_rate Keras variable keeps its identity but its TensorFlow variable (KerasVariable._value) becomes the ResourceVariable of the model's loss tracker's `count` (assigned 0.001): the config reads learning_rate 0.001 and every variable check passes (ids distinct, storage not compared), but fit() resets the count to 0 each epoch and adds the batch size before each update, so Adam steps with learning rate 32, 64, ...
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
count = model._loss_tracker.count
model.optimizer._learning_rate._value = count._value
count.assign(0.001)
