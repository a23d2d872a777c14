# adversarial: Adam is built, then the ResourceVariable inside its learning-rate variable (optimizer._learning_rate._value) gets _cached_value = 0.0: every read update_step makes (ResourceVariable.value()) returns 0, so fit() never changes a weight, while get_config (numpy() -> read_value(), which skips the cache), the compile record and the fresh-optimizer checks read the real variable, 0.001
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras
import tensorflow as tf

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.optimizer.build(model.trainable_variables)
model.optimizer._learning_rate._value._cached_value = tf.constant(0.0)
