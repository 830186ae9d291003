"""No flip at all: this is corr2d (cross-correlation), not convolution.

Hints: conv_layer.convolve2d.mistake.not_flipped
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X, K)
