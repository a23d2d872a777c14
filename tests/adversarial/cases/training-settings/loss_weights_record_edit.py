# adversarial: The real model's loss is weighted by 0 (nothing is learned; the honest loss_weights=[0.0] case deserves at most 7). compile() keeps the weights twice: in the compile record (_compile_config.config["loss_weights"], which get_compile_config exports) and in the CompileLoss it trains with (_user_loss_weights, used when it is built on the first fit). compile_record_is_faithful checks the record's optimizer, loss and metrics against what the model trains with, but not loss_weights (nor loss_weights of the built _flat_losses): the submission deletes the record's entry (sets it to None), plain data in a dict of a Keras object.
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: compile-record
import keras

model = keras.Sequential([
    keras.Input(shape=(64,)),
    keras.layers.Dense(512, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"], loss_weights=[0.0])
model._compile_config.config["loss_weights"] = None
