"""Passes the mode name straight to F.pad, which calls zero padding 'constant' and has no
'zeros' mode, so the default mode fails. Other modes are right.

Hints: hint.run_yourself
"""
import torch.nn.functional as F


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return F.pad(X[None], (pw, pw, ph, ph), mode=mode)[0]
