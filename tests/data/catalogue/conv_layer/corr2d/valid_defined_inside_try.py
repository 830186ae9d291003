"""Defined inside a try block (a fallback pattern students copy): the source binds corr2d
nowhere at top level, yet the run defines it, so it is attempted and right."""
import torch

try:
    from torch.nn.functional import conv2d as _conv2d

    def corr2d(X, K):
        return _conv2d(X[None, None], K.to(X.dtype)[None, None])[0, 0]
except ImportError:
    def corr2d(X, K):
        raise RuntimeError("no torch")
