# solves: corr2d
"""Calls sys.exit at load time and inside a graded call."""
import sys

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    sys.exit(0)

sys.exit(1)
