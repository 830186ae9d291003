"""Reads padding as the *total* number of rows/columns added (d2l's p_h in its formula)
and puts p // 2 on each side; the question's padding, like nn.Conv2d's, is per side.

Hints: channels.corr2d_strided.mistake.padding_as_total
"""
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    kh, kw = K.shape
    Xp = F.pad(X, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))
    return (Xp.unfold(0, kh, sh).unfold(1, kw, sw) * K).sum((-1, -2))
