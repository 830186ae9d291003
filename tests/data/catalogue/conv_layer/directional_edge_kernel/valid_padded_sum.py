"""Builds the two difference kernels separately, pads both to 2×2 with F.pad and adds them
weighted by v (a common way to write it)."""
import torch
import torch.nn.functional as F


def directional_edge_kernel(v):
    v = torch.as_tensor(v, dtype=torch.float32)
    dx = F.pad(torch.tensor([[-1.0, 1.0]]), (0, 0, 0, 1))      # width difference, row 0
    dy = F.pad(torch.tensor([[-1.0], [1.0]]), (0, 1, 0, 0))    # height difference, column 0
    return v[0] * dy + v[1] * dx
