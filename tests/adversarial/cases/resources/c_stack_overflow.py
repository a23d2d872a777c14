# adversarial: raises the recursion limit and reprs a 1,000,000-deep nested list: C stack overflow (SIGSEGV)
# expect-status: error
# expect-kind: crashed
# expect-max-score: 0
import sys

sys.setrecursionlimit(1 << 30)
nested = []
for _ in range(1_000_000):
    nested = [nested]
repr(nested)
