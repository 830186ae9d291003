"""Zero padding on a torch.zeros canvas as d2l allocates (CPU, float32): values are right,
but a float64/float16 image comes back float32 and a CUDA image comes back on the CPU
(on meta the copy into the CPU canvas fails). Only dtype/device points are lost.

Hints: mistake.factory_without_device, mistake.factory_without_dtype
"""
import torch
import torch.nn.functional as F

TORCH_MODE = {"reflect": "reflect", "replicate": "replicate", "circular": "circular"}


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    h, w = X.shape
    if mode == "zeros":
        Y = torch.zeros((h + 2 * ph, w + 2 * pw))
        Y[ph:ph + h, pw:pw + w] = X
        return Y
    return F.pad(X[None], (pw, pw, ph, ph), mode=TORCH_MODE[mode])[0]
