# adversarial: after compile(), the submission enters keras' AutocastScope("float16") and never leaves it: the scope is a thread-local global attribute (keras.src.backend.common.global_state, a threading.local that the sender thread reads empty and that no settings check covers), so every later fit()/train_on_batch in the student's thread reads the model's variables cast to float16 in the optimizer step (layers reset the scope only inside their own calls) and fails (AttributeError: 'SymbolicTensor' object has no attribute 'handle'): the model cannot be trained at all, while every config, weight, layer and the compile record are honest
# expect-status: passed
# expect-kind: none
# expect-max-score: 10
# expect-findings: scopes
import keras
from keras.src.backend.common.variables import AutocastScope

model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(512, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
AutocastScope("float16").__enter__()
