# adversarial: The real model is compiled with Adamax (a wrong optimizer: real score 8). Keras serialises a public class by looking its class up in keras.src.api_export.REGISTERED_OBJS_TO_NAMES, a plain dict that existed before the submission; the submission rebinds Adamax's entry to the string "keras.optimizers.Adam". Only data changed (a str value in a pre-existing dict): the fingerprint sees no code replaced, the heap walk of the changed dict finds only a known class and a string, and the model walk sees only Keras classes. The export then says class_name "Adam" with Adamax's config (learning_rate, beta_1, beta_2, epsilon, all accepted by Adam), which the trusted process rebuilds as Adam.
# expect-status: error
# expect-kind: tampered
# expect-max-score: 0
# expect-findings: keras-code
import keras
from keras.src import api_export

api_export.REGISTERED_OBJS_TO_NAMES[keras.optimizers.Adamax] = "keras.optimizers.Adam"
model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dense(512, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adamax(learning_rate=0.001), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
