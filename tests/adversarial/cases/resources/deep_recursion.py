# adversarial: unbounded Python recursion (RecursionError) before any model
# expect-status: error
# expect-kind: exception
# expect-max-score: 0
def down(n):
    return down(n + 1)


down(0)
