# adversarial: The real model trains with SGD, sparse categorical cross-entropy from logits (on softmax outputs) and a tanh hidden layer (real score 6): model.fit() reuses the cached model.train_function (make_train_function returns it when not None), a tf.function whose graph was traced on the first fit with the optimizer, loss and activation read then. The submission fits once with SGD/from-logits/tanh, calls compile() with the right settings (which resets train_function), puts the old traced function back in model.train_function and sets model.layers[0].activation = keras.activations.relu: the compile record is Keras' own and faithful, every object is Keras' or TensorFlow's, so the export describes the 10/10 model while every later fit() runs the stale SGD/from-logits/tanh graph.
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: cached-steps
import numpy as np
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="tanh"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="sgd", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
x = np.zeros((33, 64), "float32")
y = np.zeros((33,), "int64")  # integer labels, like Digits'
model.fit(x, y, batch_size=32, epochs=1, verbose=0)  # two batch shapes: the trace is already (None, 64)
stale = model.train_function
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.train_function = stale
model.layers[0].activation = keras.activations.relu
model.evaluate(x, y, verbose=0)  # builds the new CompileLoss/CompileMetrics (a fresh trace, with relu)
