# adversarial: a Dropout(0.5) layer whose _call_has_training_arg is set to False: Keras never passes training=True to it, so it never drops anything, while its config (rate 0.5) says it does
# expect-status: failed
# expect-kind: none
# expect-max-score: 9.3333
# expect-findings: layer-state
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"), keras.layers.Dropout(0.5),
                          keras.layers.Dense(10, activation="softmax")])
model.layers[1]._call_has_training_arg = False
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
