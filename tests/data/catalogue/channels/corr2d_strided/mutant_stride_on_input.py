"""Applies the stride to the input instead of to the window position: keeps every s-th
row/column of the padded X, then correlates with stride 1. The window must move by s
over the full image (its kh×kw pixels are still neighbours).

Hints: channels.corr2d_strided.mistake.stride_on_input, hint.run_yourself
"""
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    kh, kw = K.shape
    Xs = F.pad(X, (pw, pw, ph, ph))[::sh, ::sw]
    return (Xs.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
