# adversarial: the Sequential's own _trainable field set to False (the setter, which would freeze the layers, is bypassed): trainable_variables is [] so fit() trains nothing while each layer still says trainable; the rebuilt model must count no trainable parameters
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras
from tensorflow.keras import layers, models

model = models.Sequential([keras.Input((64,)), layers.Dense(512, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model._trainable = False
