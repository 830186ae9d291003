# solves: corr2d
"""Unbounded recursion in a graded function and at load time."""
import sys
sys.setrecursionlimit(10**6)

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return convolve2d(X, K)

def blow(n):
    return blow(n + 1) + 1

blow(0)
