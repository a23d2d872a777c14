# adversarial: compiles with MSE, builds the loss with evaluate(), then sets both the compile record's loss and CompileLoss._user_loss to sparse categorical cross-entropy; the built loss is still MSE [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras, numpy as np
from tensorflow.keras import layers, models

# Compile with a label-ignoring loss, build CompileLoss, then rewrite the user-loss record (consistently) to SCCE.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss=keras.losses.MeanSquaredError(), metrics=["accuracy"])
x = np.random.rand(8,64).astype("float32"); y = np.random.randint(0,10,(8,10)).astype("float32")
model.evaluate(x, y, verbose=0)   # builds CompileLoss with MSE
new = "sparse_categorical_crossentropy"
model._compile_config.config["loss"] = new
model._compile_loss._user_loss = new
