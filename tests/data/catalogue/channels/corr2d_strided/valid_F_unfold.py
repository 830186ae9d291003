"""im2col with F.unfold, which takes padding and stride itself, then one matrix product
with the flattened kernel. PyTorch has no integer im2col on the CPU, so integer inputs
are computed in float64 and rounded back (exact for values below 2**53)."""
import torch
import torch.nn.functional as F


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    if not X.is_floating_point():
        dtype = torch.promote_types(X.dtype, K.dtype)
        return corr2d_strided(X.double(), K.double(), padding, stride).round().to(dtype)
    (h, w), (kh, kw), (ph, pw), (sh, sw) = X.shape, K.shape, pair(padding), pair(stride)
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    cols = F.unfold(X[None, None], (kh, kw), padding=(ph, pw), stride=(sh, sw))[0]  # (kh*kw, oh*ow)
    return (K.reshape(1, kh * kw) @ cols).reshape(oh, ow)
