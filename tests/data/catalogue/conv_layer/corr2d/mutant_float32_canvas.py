"""Loops into a torch.zeros canvas made on X's device but without dtype=: every result is
float32, whatever the input's dtype (a real finding: float16 input was reported as a value
error, not a dtype one).

Hints: mistake.factory_without_dtype
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1), device=X.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + kh, j:j + kw].float() * K.float()).sum()
    return Y
