"""Output size (n + 2p - k) // s, forgetting the + 1 (the window at position 0 counts).

Hints: channels.corr2d_strided.mistake.no_plus_one
"""
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    h, w = X.shape
    kh, kw = K.shape
    Xp = F.pad(X, (pw, pw, ph, ph))
    oh, ow = (h + 2 * ph - kh) // sh, (w + 2 * pw - kw) // sw
    Y = X.new_zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            Y[i, j] = (Xp[i * sh:i * sh + kh, j * sw:j * sw + kw] * K).sum()
    return Y
