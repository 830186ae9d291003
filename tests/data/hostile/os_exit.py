# solves: corr2d
# expect: cell crashed
"""os._exit at load time (skipped cell) and inside a graded call."""
import os

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    os._exit(0)

os._exit(3)
