"""Iterates over K.transpose(0, 1), i.e. reads K as (c, co, kh, kw): zip then pairs input
channels with the wrong kernels (and drops some when c != co).

Hints: channels.corr2d_multi_in_out.hint.shape, channels.corr2d_multi_in_out.mistake.kernel_axes_swapped
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def corr2d_multi_in(X, K):
    return sum(corr2d(x, k) for x, k in zip(X, K))


def corr2d_multi_in_out(X, K):
    return torch.stack([corr2d_multi_in(X, k) for k in K.transpose(0, 1)], 0)
