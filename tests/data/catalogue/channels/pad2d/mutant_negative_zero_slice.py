"""Hand-written with slices like X[:, -p:]: for p == 0 that is X[:, -0:] == X[:, 0:], the
whole image, so circular padding of an axis by 0 wrongly adds a full copy on each side.
Everything else is right.

Hints: channels.pad2d.mistake.negative_zero_slice
"""
import torch


def pad_columns(X, p, mode):
    h, w = X.shape
    if mode == "zeros":
        left = right = X.new_zeros((h, p))
    elif mode == "replicate":
        left, right = X[:, :1].expand(h, p), X[:, -1:].expand(h, p)
    elif mode == "circular":
        left, right = X[:, -p:], X[:, :p]
    else:
        left, right = X[:, 1:p + 1].flip(1), X[:, w - 1 - p:w - 1].flip(1)
    return torch.cat([left, X, right], dim=1)


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return pad_columns(pad_columns(X, pw, mode).T, ph, mode).T
