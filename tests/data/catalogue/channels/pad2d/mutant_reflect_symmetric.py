"""'Reflect' written as symmetric padding: the edge pixel is repeated ([1, 2, 3] -> [2, 1,
1, 2, 3, 3, 2]), which is numpy's 'symmetric', not F.pad's 'reflect'. Other modes are right.

Hints: channels.pad2d.mistake.symmetric_not_reflect
"""
import torch
import torch.nn.functional as F

TORCH_MODE = {"zeros": "constant", "replicate": "replicate", "circular": "circular"}


def symmetric_columns(X, p):
    if p == 0:
        return X
    return torch.cat([X[:, :p].flip(1), X, X[:, X.shape[1] - p:].flip(1)], dim=1)


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    if mode == "reflect":
        return symmetric_columns(symmetric_columns(X, pw).T, ph).T
    return F.pad(X[None], (pw, pw, ph, ph), mode=TORCH_MODE[mode])[0]
