"""Computes in float32 and casts the result back to the input's dtype: a float64 input gets a
float64 result with only float32 accuracy (a real finding: it was reported as '20 of 20 values
wrong' with no word of precision).

Hints: mistake.float32_precision
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Xf, Kf = X.float(), K.float()
    Y = (Xf.unfold(0, kh, 1).unfold(1, kw, 1) * Kf).sum((-1, -2))
    return Y.to(X.dtype)
