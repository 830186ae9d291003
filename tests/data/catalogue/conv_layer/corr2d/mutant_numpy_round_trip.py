"""Round trip through NumPy: right values on the CPU, but the result cannot stay on another
device (a real finding: its hint was about the input's device, which the code respects).

Hints: mistake.numpy_round_trip
"""
import numpy as np
import torch


def corr2d(X, K):
    x, k = X.detach().cpu().numpy(), K.detach().cpu().numpy()
    kh, kw = k.shape
    y = np.zeros((x.shape[0] - kh + 1, x.shape[1] - kw + 1), dtype=x.dtype)
    for i in range(y.shape[0]):
        for j in range(y.shape[1]):
            y[i, j] = (x[i:i + kh, j:j + kw] * k).sum()
    return torch.from_numpy(y)
