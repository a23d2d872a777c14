# adversarial: loss given as a string; evaluate() builds CompileLoss, whose LossFunctionWrapper (named like the string) then gets another fn: the record still names the string
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps,compile-record
import keras, numpy as np
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
x = np.random.rand(8, 64).astype("float32"); y = np.random.randint(0, 10, (8,))
model.evaluate(x, y, verbose=0)  # builds CompileLoss
wrapper = model._compile_loss._flat_losses[0].loss
wrapper.fn = keras.ops.matmul  # a Keras function: the "loss" is labels @ probabilities, not cross-entropy
