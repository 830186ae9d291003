# solves: corr2d
"""Asks for terabytes at load time and in a graded call."""
import torch

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return torch.ones(10**7, 10**5)

try:
    hog = torch.ones(10**12)
except Exception:
    hog = bytearray(10**12)
