"""im2col with F.unfold: every window of all channels becomes a column of length c*kh*kw,
the kernel a row of the same length, one matrix product. Integer inputs go through
float64 (PyTorch has no integer im2col on the CPU) and are rounded back."""
import torch
import torch.nn.functional as F


def corr2d_multi_in(X, K):
    if not X.is_floating_point():
        dtype = torch.promote_types(X.dtype, K.dtype)
        return corr2d_multi_in(X.double(), K.double()).round().to(dtype)
    c, h, w = X.shape
    _, kh, kw = K.shape
    cols = F.unfold(X[None], (kh, kw))[0]  # (c*kh*kw, oh*ow)
    return (K.reshape(1, -1) @ cols).reshape(h - kh + 1, w - kw + 1)
