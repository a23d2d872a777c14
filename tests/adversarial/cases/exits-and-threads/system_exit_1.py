# adversarial: raise SystemExit(1) with no model defined
# expect-status: error
# expect-kind: exited
# expect-max-score: 0
raise SystemExit(1)
