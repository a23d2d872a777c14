# adversarial: Adam built before fitting, then each velocity slot's TensorFlow variable (KerasVariable._value) is made the ResourceVariable of the momentum slot of the same index: the Keras variable objects stay distinct and tracked (the slot-sharing check compares Keras variable ids only) and all read zero like a new optimizer's, but update_step's m and v now write one storage, so Adam divides m by sqrt(m) and fit() trains to NaN
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
    velocity._value = momentum._value
