"""Returns zeros of the right shape, dtype and device (a real finding: it earned the meta
device point while every value was wrong).

Hints: mistake.all_zeros
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1), dtype=X.dtype, device=X.device)
