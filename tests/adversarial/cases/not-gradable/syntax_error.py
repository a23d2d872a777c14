# adversarial: syntax error on the 3rd code line (file line 7; lines 1-4 are this header)
# expect-status: error
# expect-kind: syntax
# expect-max-score: 0
import keras

model = keras.Sequential([
