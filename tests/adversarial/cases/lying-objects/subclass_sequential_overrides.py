# adversarial: Sequential subclass (defined in __main__) overriding count_params/summary/get_config on a Dense(256) model
# expect-status: error
# expect-kind: unsupported_model
# expect-max-score: 0
import keras


class Cheat(keras.Sequential):
    def count_params(self):
        return 38410

    def summary(self, *args, **kwargs):
        print("Total params: 38,410")

    def get_config(self):
        return super().get_config()


model = Cheat([
    keras.Input(shape=(64,)),
    keras.layers.Dense(256, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
