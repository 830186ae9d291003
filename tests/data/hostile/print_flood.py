# solves: corr2d
# expect: limit output
"""Prints megabytes at load time and in every call."""
import sys
for _ in range(2000):
    print('x' * 10000)
sys.stderr.write('y' * 5_000_000)

def corr2d(X, K):
    print('z' * 1_000_000)
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
