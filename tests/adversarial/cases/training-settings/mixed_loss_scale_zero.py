# adversarial: honest mixed_float16 model; after compile() the file caches a training step without running it (make_train_function), builds the LossScaleOptimizer compile() added and sets its dynamic_scale to 0; both step counters stay 0, but the loss-scale check only runs while train_function is None, so a scale no new optimizer has (every gradient 0/0, no step ever applied) is not seen
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: optimizer-state
import keras

keras.mixed_precision.set_global_policy("mixed_float16")
model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
keras.mixed_precision.set_global_policy("float32")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.make_train_function()
model.optimizer.build(model.trainable_variables)
model.optimizer.dynamic_scale.assign(0.0)
