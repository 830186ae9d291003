"""Rotates the kernel by 90° instead of 180°.

Hints: conv_layer.convolve2d.mistake.quarter_turn, hint.run_yourself, mistake.kernel_axes_swapped
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X, torch.rot90(K, 1))
