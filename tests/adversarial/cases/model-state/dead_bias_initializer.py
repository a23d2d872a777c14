# adversarial: honest-looking config: the hidden Dense(512, relu) has bias_initializer=Constant(-1e4); Digits pixels are 0..16 and Glorot weights are small, so every hidden pre-activation is about -1e4, ReLU outputs 0 with zero derivative for every example, no gradient ever reaches the hidden kernel, bias or the output kernel, and fit() can only learn the output bias (a class prior); the layers check compares kernel initializers only when constant, never bias initializers
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras

model = keras.Sequential([keras.Input((64,)),
                          keras.layers.Dense(512, activation="relu", bias_initializer=keras.initializers.Constant(-1e4)),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
