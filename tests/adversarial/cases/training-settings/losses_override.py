# adversarial: the model's _losses_override (a Layer field Keras uses during stateless calls; when non-empty, Layer.losses returns it and Trainer.compute_loss adds every item to the loss) is set, untracked via object.__setattr__, to the model's own four weight variables: the live training loss becomes cross-entropy + sum of all weights, a gradient of +1 on every weight that drives them all negative, which no config, record or weight state shows
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: losses-metrics
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
object.__setattr__(model, "_losses_override", list(model.weights))
