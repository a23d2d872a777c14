# adversarial: calls sys.exit() and defines no model at all
# expect-status: error
# expect-kind: exited
# expect-max-score: 0
import sys
sys.exit()
