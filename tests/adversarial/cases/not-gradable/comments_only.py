# adversarial: only comments, no code at all
# expect-status: error
# expect-kind: no_model
# expect-max-score: 0
# nothing here
