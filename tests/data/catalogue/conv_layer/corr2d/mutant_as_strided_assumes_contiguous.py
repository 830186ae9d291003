"""Windows with as_strided using the strides of a contiguous (h, w) tensor, (w, 1), whatever X's
real layout: right for a contiguous X, wrong for d2l's exercise corr2d(X.t(), K), where X is a
transposed view (a real finding: it passed while inputs reached the sandbox as contiguous copies).

Hints: mistake.assumes_contiguous
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    h, w = X.shape
    oh, ow = h - kh + 1, w - kw + 1
    windows = X.as_strided((oh, ow, kh, kw), (w, 1, w, 1))
    return torch.einsum("ijkl,kl->ij", windows, K)
