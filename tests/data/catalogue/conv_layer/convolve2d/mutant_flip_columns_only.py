"""Flips the kernel along the width only (flip(1)), like reversing a 1-D signal.

Hints: conv_layer.convolve2d.mistake.columns_only
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X, K.flip(1))
