"""Adds the width second difference (middle row) and the height second difference (middle
column) into one 3×3 kernel by index assignment."""
import torch


def laplacian_kernel():
    d2 = torch.tensor([1.0, -2.0, 1.0])
    K = torch.zeros(3, 3)
    K[1, :] += d2
    K[:, 1] += d2
    return K
