"""d2l-style loops with torch.zeros for the padded canvas and the output (CPU, float32):
values are right, but dtype and device are lost (only those points go).

Hints: mistake.factory_without_device, mistake.factory_without_dtype
"""
import torch


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    h, w = X.shape
    kh, kw = K.shape
    Xp = torch.zeros((h + 2 * ph, w + 2 * pw))
    Xp[ph:ph + h, pw:pw + w] = X
    Y = torch.zeros(((h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (Xp[i * sh:i * sh + kh, j * sw:j * sw + kw] * K).sum()
    return Y
