"""Transposes the kernel instead of flipping it (K.T is a reflection about the
diagonal, not a 180° rotation); fails outright for non-square kernels.

Hints: conv_layer.convolve2d.mistake.transposed, hint.run_yourself, mistake.kernel_axes_swapped
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X, K.T)
