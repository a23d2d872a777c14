# adversarial: a built relu Dense swapped into model._layers while the Sequential still runs its sigmoid graph [found by red-teaming the export]
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: graph
import keras, numpy as np
from tensorflow.keras import layers, models

# Build with sigmoid hidden layer; swap a relu Dense of same shape into model._layers without rebuilding _functional.
model = models.Sequential()
model.add(layers.Dense(512, activation="sigmoid", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
x = np.ones((1,64),"float32")
before = model(x).numpy()
fake = layers.Dense(512, activation="relu"); fake.build((None,64))
idx = [i for i,l in enumerate(model._layers) if l is model.layers[0]][0]
model._layers[idx] = fake
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print("layers:", [l.get_config()["activation"] for l in model.layers], "same output as sigmoid model:", np.allclose(before, model(x).numpy()))
