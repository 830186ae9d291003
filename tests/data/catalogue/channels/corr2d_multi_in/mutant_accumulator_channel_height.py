"""The accumulator is sized with X.shape[0] -- the channel count -- where the height
belongs. It only works when c happens to equal h (e.g. 3 channels of 3×3 images); the
shapes otherwise clash or broadcast into a wrong-shaped result.

Hints: channels.corr2d_multi_in.mistake.channels_as_height, hint.run_yourself
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def corr2d_multi_in(X, K):
    _, kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[2] - kw + 1), dtype=X.dtype, device=X.device)
    for x, k in zip(X, K):
        Y += corr2d(x, k)
    return Y
