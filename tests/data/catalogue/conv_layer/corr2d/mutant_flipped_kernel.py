"""Flips the kernel: that is convolution, not the cross-correlation d2l calls corr2d.

Hints: mistake.flipped_kernel
"""
import torch


def corr2d(X, K):
    K = torch.flip(K, (0, 1))
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
