# adversarial: like alias_slots, one level down: each velocity slot keeps its own Keras variable and its own ResourceVariable object, but the ResourceVariable's _handle (the resource every read and assign goes through) is replaced by the momentum slot's handle: m and v share one storage, so Adam divides m by sqrt(m) and fit() trains to NaN, while every check (ids of Keras variables, _value types, shapes read through the handle, zero slots) passes
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.optimizer.build(model.trainable_variables)
for momentum, velocity in zip(model.optimizer._momentums, model.optimizer._velocities):
    velocity._value._handle = momentum._value._handle
