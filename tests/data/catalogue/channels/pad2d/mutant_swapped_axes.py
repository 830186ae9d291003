"""ph and pw swapped: F.pad's list starts with the *last* dimension (left, right, top,
bottom), so (ph, ph, pw, pw) pads the width by ph and the height by pw.

Hints: channels.pad2d.mistake.swapped_axes, hint.run_yourself
"""
import torch.nn.functional as F

TORCH_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return F.pad(X[None], (ph, ph, pw, pw), mode=TORCH_MODE[mode])[0]
