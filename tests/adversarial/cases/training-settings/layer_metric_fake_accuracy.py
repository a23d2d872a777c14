# adversarial: a keras.metrics.TruePositives named "accuracy" (its reset_state is Metric's: it zeroes the variables listed in _variables), fed one true positive and then with its _variables list emptied, is appended to the hidden Dense layer's _metrics list (layer bookkeeping no check reads); Model.metrics lists layer metrics after compile()'s, so evaluate() and fit()'s logs report "accuracy" = 1.0 whatever the model predicts (reset_metrics() resets nothing), while the compile record, CompileMetrics and every config are honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
fake = keras.metrics.TruePositives(name="accuracy")
fake.update_state([1.0], [1.0])
fake._variables.clear()
model.layers[0]._metrics.append(fake)
