"""Uses the stride pair the wrong way round (width stride down the rows); an int stride or
a square one hides the mistake.

Hints: channels.corr2d_strided.mistake.swapped_stride
"""
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sw, sh) = pair(padding), pair(stride)
    kh, kw = K.shape
    Xp = F.pad(X, (pw, pw, ph, ph))
    return (Xp.unfold(0, kh, sh).unfold(1, kw, sw) * K).sum((-1, -2))
