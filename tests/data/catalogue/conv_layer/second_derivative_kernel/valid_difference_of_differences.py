"""Builds the kernel as the first difference applied twice: correlating [-1, 1] with itself
(via F.conv1d on the padded kernel) gives [1, -2, 1], kept in float64 and reshaped to (1, 3)."""
import torch
import torch.nn.functional as F


def second_derivative_kernel():
    d = torch.tensor([-1.0, 1.0], dtype=torch.float64)
    padded = F.pad(d, (1, 1)).reshape(1, 1, -1)
    twice = F.conv1d(padded, d.flip(0).reshape(1, 1, -1))
    return twice.reshape(1, 3)
