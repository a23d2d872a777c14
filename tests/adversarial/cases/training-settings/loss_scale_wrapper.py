# adversarial: The real model trains through a LossScaleOptimizer with initial_scale=1e-40 around its Adam: the loss is multiplied by 1e-40 before the gradients are taken, so in float32 they underflow to zero and nothing is learned (like the honest Adam(loss_scale_factor=1e-45) case, at most 9). compile() wraps the optimizer this way itself under a mixed_float16 policy, so the export unwraps model.optimizer (integrity.inner_optimizer) and checks only that its inner optimizer is the compile record's; the wrapper's own settings (initial_scale, dynamic_growth_steps) are exported nowhere. The submission sets model.optimizer = LossScaleOptimizer(model.optimizer, initial_scale=1e-40) after compile(), on a float32 model.
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.optimizer = keras.optimizers.LossScaleOptimizer(model.optimizer, initial_scale=1e-40)
