"""Indexes the window with the kernel's width for rows and height for columns.

Hints: conv_layer.corr2d.rule, hint.run_yourself
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1), dtype=X.dtype, device=X.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + kw, j:j + kh] * K.T).sum() if kh != kw else (X[i:i + kh, j:j + kw] * K).sum()
    return Y
