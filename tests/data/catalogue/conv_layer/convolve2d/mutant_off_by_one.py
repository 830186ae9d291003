"""Flips correctly but the output is one row and one column short (range(h - kh)).

Hints: mistake.range_one_short
"""
import torch


def convolve2d(X, K):
    K = K.flip(0, 1)
    kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh, X.shape[1] - kw), dtype=X.dtype, device=X.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
    return Y
