# adversarial: honest-looking config: the hidden Dense(512, relu) has kernel_initializer=RandomUniform(-0.2, -0.1) (every weight negative, not the same in any two units, so neither a constant initializer nor same-valued units); Digits pixels are >= 0 and the bias starts at 0, so every hidden pre-activation is <= 0, ReLU gives 0 with zero derivative, the hidden layer and the output kernel never get a gradient, and fit() only learns the output bias
# expect-status: failed
# expect-kind: none
# expect-max-score: 9
import keras

model = keras.Sequential([keras.Input((64,)),
                          keras.layers.Dense(512, activation="relu",
                                             kernel_initializer=keras.initializers.RandomUniform(-0.2, -0.1)),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
