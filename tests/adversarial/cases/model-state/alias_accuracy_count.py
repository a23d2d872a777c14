# adversarial: the compiled accuracy metric is built up front, then its `count` Keras variable gets the `total` variable's ResourceVariable (KerasVariable._value): both stay distinct, tracked, zero metric variables of the right shape and dtype, but they now share one storage, so fit() and evaluate() report total/count = 1.0 (100% accuracy) whatever the model predicts
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._compile_metrics.build(keras.ops.zeros((1,)), keras.ops.zeros((1, 10)))
accuracy = model._compile_metrics.metrics[0]
accuracy.count._value = accuracy.total._value
