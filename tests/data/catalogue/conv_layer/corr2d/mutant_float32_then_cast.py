"""corr2d computed in float32, then cast to the input's dtype."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Xf, Kf = X.float(), K.float()
    Y = (Xf.unfold(0, kh, 1).unfold(1, kw, 1) * Kf).sum((-1, -2))
    return Y.to(X.dtype)
