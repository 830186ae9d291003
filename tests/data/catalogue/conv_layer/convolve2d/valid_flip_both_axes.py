"""corr2d with the kernel flipped in both axes: the definition of convolution."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    return corr2d(X, torch.flip(K, (0, 1)))
