"""F.pad on the bare 2-D image: fine for zeros ('constant'), but PyTorch's reflect,
replicate and circular padding of the last two dimensions need a 3-D or 4-D input.

Hints: hint.run_yourself
"""
import torch.nn.functional as F

TORCH_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return F.pad(X, (pw, pw, ph, ph), mode=TORCH_MODE[mode])
