# adversarial: the layers are built in float32, then keras.config.set_floatx('float16') (keras.src.backend.config._FLOATX, a private-constant-style name the fingerprint lets change) before compile(): the CompileLoss and the loss wrapper fit() builds from the string both take floatx as their dtype, so they match a fresh build made in the same process, yet the live loss is computed in float16 and is NaN from the first batch; the export (no loss dtype) and the float32 rebuild describe a model that learns
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: keras-settings,optimizer-state
import keras, numpy as np
from tensorflow.keras import layers, models
model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
opt = keras.optimizers.Adam()  # made in float32, so its learning rate is exactly 0.001
keras.config.set_floatx("float16")
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
