# adversarial: the Sequential's own activity_regularizer (a Layer field Layer.__call__ applies to the model's outputs, adding its loss to every training step) is set to L2(100) after building: fit() then minimises 100*sum(p^2) of the softmax outputs, which drowns the cross-entropy and drives every prediction to uniform, while a Sequential's config never records it and layer_state compares only MODEL_FIELDS for models
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.activity_regularizer = keras.regularizers.L2(100.0)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
