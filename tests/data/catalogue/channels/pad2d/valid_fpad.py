"""F.pad does all four modes; only the names differ ('zeros' is F.pad's 'constant'), and
the non-constant modes want a channel dimension in front of a 2-D image."""
import torch.nn.functional as F

TORCH_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return F.pad(X[None], (pw, pw, ph, ph), mode=TORCH_MODE[mode])[0]
