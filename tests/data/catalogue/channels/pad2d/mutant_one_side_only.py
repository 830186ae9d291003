"""Pads only the top and the left: padding p must add p on *both* sides of each axis
(the result grows by 2p), as nn.Conv2d and d2l's symmetric padding do.

Hints: channels.pad2d.mistake.one_side
"""
import torch.nn.functional as F

TORCH_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return F.pad(X[None], (pw, 0, ph, 0), mode=TORCH_MODE[mode])[0]
