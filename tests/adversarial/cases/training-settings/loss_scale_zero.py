# adversarial: the Sequential gets its own DTypePolicy named "float32" with _compute_dtype "float16" (the model itself is left out of layer_state; its layers reset the autocast scope, so they still compute in float32), which makes a hand-made LossScaleOptimizer around the compiled Adam pass as Keras' own; it is built and its dynamic_scale Variable (not compared, not in any config) set to 0: every scaled gradient is 0/0 and the weights are NaN after the first fit() step, while the export says plain Adam
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: layer-state,optimizer-state
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
policy = keras.DTypePolicy("float32")
policy._compute_dtype = "float16"
model._dtype_policy = policy
model.optimizer = keras.optimizers.LossScaleOptimizer(model.optimizer)
model.optimizer.build(model.trainable_variables)
model.optimizer.dynamic_scale.assign(0.0)
