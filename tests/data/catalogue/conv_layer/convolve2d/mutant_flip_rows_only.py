"""Flips the kernel along the height only (flip(0)): half a flip.

Hints: conv_layer.convolve2d.mistake.rows_only
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X, K.flip(0))
