"""Pads only the top and the left (ph rows, pw columns once): padding adds p on both
sides, so the padded input is n + 2p long.

Hints: channels.corr2d_strided.mistake.padding_one_side, channels.hint.output_shape
"""
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    kh, kw = K.shape
    Xp = F.pad(X, (pw, 0, ph, 0))
    return (Xp.unfold(0, kh, sh).unfold(1, kw, sw) * K).sum((-1, -2))
