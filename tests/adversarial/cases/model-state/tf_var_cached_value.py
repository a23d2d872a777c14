# adversarial: the ResourceVariable inside the hidden Dense's kernel (KerasVariable._value) gets _cached_value = an all-zero constant: ResourceVariable.value(), which every conversion to a tensor (ops.matmul in Dense.call, eager or traced) goes through, returns the cached constant, so the layer computes with a zero kernel that nothing trains (its outputs are relu(bias)), while numpy()/get_weights() (read_value) and the export still read the real Glorot kernel
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras
import tensorflow as tf

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
kernel = model.layers[0].kernel
kernel._value._cached_value = tf.zeros(kernel.shape)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
