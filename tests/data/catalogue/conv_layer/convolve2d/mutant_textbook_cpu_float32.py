"""Right values, built on d2l's textbook corr2d that allocates torch.zeros on the CPU in
float32: loses only the dtype and device points.

Hints: mistake.factory_without_device, mistake.factory_without_dtype
"""
import torch


def corr2d(X, K):
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


def convolve2d(X, K):
    return corr2d(X, K.flip(0, 1))
