# adversarial: a Dense(256) hidden layer (wrong width); after building, units=512, the next layer's recorded input shape, and each KerasVariable's _shape (a plain Python tuple that .shape returns; the tensor inside keeps its real shape) are edited to the 512-wide model's, so the exported config, weight_shapes and the rebuilt model are the lesson's 38,410-parameter model while the live model computes 64 -> 256 -> 10 (and its fit() fails: Adam builds its slots from the fake shapes)
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: variables
import keras

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(256, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
hidden, output = model.layers
hidden.units = 512
hidden.kernel._shape = (64, 512)
hidden.bias._shape = (512,)
output.kernel._shape = (512, 10)
output._build_shapes_dict = {"input_shape": (None, 512)}
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
