"""Flipping the image and the result instead of the kernel gives the same values:
corr2d(X.flip, K).flip(0, 1)[i, j] = sum X[i+kh-1-a, j+kw-1-b] K[a, b], i.e. convolution."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X.flip(0, 1), K).flip(0, 1)
