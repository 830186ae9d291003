"""A 3×3 kernel: the outer product of central differences [1, 0, -1] down the height and
along the width (an f_xy over a wider window), built with torch.outer in float64."""
import torch


def diagonal_edge_kernel():
    d = torch.tensor([1.0, 0.0, -1.0], dtype=torch.float64)
    return torch.outer(d, d)
