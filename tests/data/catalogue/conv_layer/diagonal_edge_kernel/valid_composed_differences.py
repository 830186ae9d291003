"""Composes the two first differences by cross-correlating [[1, -1]] (width) with
[[1], [-1]] (height) in code; the result is 0.25 * [[1, -1], [-1, 1]] after scaling."""
import torch


def diagonal_edge_kernel():
    width = torch.tensor([[1.0, -1.0]])
    height = torch.tensor([[1.0], [-1.0]])
    return 0.25 * (height @ width)
