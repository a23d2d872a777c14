# adversarial: The real model's hidden layer uses tanh and its loss is mean squared error (real score 6), compiled with Adam. Keras serialises a function as get_registered_name(fn), which first looks fn up in keras.src.saving.object_registration.GLOBAL_CUSTOM_NAMES (the table register_keras_serializable fills). That dict is a Keras registry the fingerprint lets gain entries, and the heap walk of it finds only a pre-existing Keras function and a string; renamed() compares fn.__name__, which is untouched. The submission adds GLOBAL_CUSTOM_NAMES[tanh] = "relu" and GLOBAL_CUSTOM_NAMES[mean_squared_error] = "sparse_categorical_crossentropy", so the export says Dense(512, relu) and sparse_categorical_crossentropy.
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras
from keras.src.saving import object_registration

object_registration.GLOBAL_CUSTOM_NAMES[keras.activations.tanh] = "relu"
object_registration.GLOBAL_CUSTOM_NAMES[keras.losses.mean_squared_error] = "sparse_categorical_crossentropy"

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation=keras.activations.tanh),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss=keras.losses.mean_squared_error, metrics=["accuracy"])
