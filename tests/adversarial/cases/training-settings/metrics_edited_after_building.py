# adversarial: compiles with sparse_top_k_categorical_accuracy, builds it, then edits the shared metrics list to 'accuracy'; the model still reports top-5 accuracy [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras, numpy as np
from tensorflow.keras import layers, models

# Compile with metrics=['sparse_top_k_categorical_accuracy'] (top-5), build, then mutate the shared list to 'accuracy'.
model = models.Sequential()
model.add(layers.Dense(512, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
m = ["sparse_top_k_categorical_accuracy"]
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=m)
x = np.random.rand(8,64).astype("float32"); y = np.random.randint(0,10,(8,)).astype("float32")
model.evaluate(x, y, verbose=0)
m[0] = "accuracy"
print(model.evaluate(x, y, verbose=0, return_dict=True))
