# adversarial: a model the child builds cheaply (eight Dense(4096) layers initialised with zeros, well within the memory limit) whose layers then get keras.initializers.Orthogonal() as kernel_initializer, a plain attribute the config records; the trusted describer rebuilds every layer with a QR decomposition of a 4096 x 4096 matrix on one thread (about 9 s each), so describing the model takes about 70 s while the child finished in about a second: the grading lasts about 70 s with --timeout 10 (the client gives up on the worker and kills it at timeout + 60 s on a slower machine), far beyond timeout + 20 s [a correct grader bounds the describer's work by the submission's time limit, or rebuilds without initialising weights]
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 4.12
import time

import keras

started = time.monotonic()
model = keras.Sequential([
    keras.Input(shape=(4096,)),
    *[keras.layers.Dense(4096, kernel_initializer="zeros") for _ in range(8)],
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
for layer in model.layers[:-1]:
    layer.kernel_initializer = keras.initializers.Orthogonal()  # recorded in the config; nothing recomputed here
print(f"built in {time.monotonic() - started:.1f} s")
