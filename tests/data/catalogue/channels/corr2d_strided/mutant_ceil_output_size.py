"""Output size with ceil instead of floor: when n + 2p - k is not a multiple of s the last
window would stick out of the padded input; PyTorch (and d2l) drop it.

Hints: channels.corr2d_strided.mistake.ceil
"""
import math

import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    h, w = X.shape
    kh, kw = K.shape
    Xp = F.pad(X, (pw, pw, ph, ph))
    oh, ow = math.ceil((h + 2 * ph - kh) / sh) + 1, math.ceil((w + 2 * pw - kw) / sw) + 1
    Y = X.new_zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            window = Xp[i * sh:i * sh + kh, j * sw:j * sw + kw]
            Y[i, j] = (window * K[:window.shape[0], :window.shape[1]]).sum()
    return Y
