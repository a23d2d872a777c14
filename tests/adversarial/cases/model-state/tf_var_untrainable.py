# adversarial: the TensorFlow variable inside the hidden Dense's kernel and bias (KerasVariable._value, a ResourceVariable) gets _trainable=False while the Keras variables still say trainable: GradientTape only watches trainable tf.Variables, so fit()'s tape.gradient returns None for them, the optimizer drops the empty gradients and the hidden layer never trains (only the 5,130-parameter output layer learns), while weight_state (Keras' trainable flag), the config and params say all 38,410 parameters are trainable
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
for weight in model.layers[0].weights:
    weight._value._trainable = False
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
