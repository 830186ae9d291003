"""Circular padding wrapped the wrong way: the left border copies the *first* columns
instead of the last ones (the image should tile the plane: left of column 0 is column w-1).

Hints: channels.pad2d.mistake.circular_wrong_way
"""
import torch
import torch.nn.functional as F

TORCH_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate"}


def wrap_columns(X, p):
    if p == 0:
        return X
    return torch.cat([X[:, :p], X, X[:, X.shape[1] - p:]], dim=1)


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if mode == "circular":
        return wrap_columns(wrap_columns(X, pw).T, ph).T
    return F.pad(X[None], (pw, pw, ph, ph), mode=TORCH_MODE[mode])[0]
