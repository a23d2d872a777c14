# adversarial: after compile(), the model's _loss_tracker (the metric fit() and evaluate() report as "loss", kept on the model, never in the compile record or any config) is replaced with keras.metrics.Sum(name="loss"): evaluate() and fit()'s history report the running sum of batch losses instead of the mean cross-entropy, while the compile record, CompileLoss and CompileMetrics are honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._loss_tracker = keras.metrics.Sum(name="loss")
