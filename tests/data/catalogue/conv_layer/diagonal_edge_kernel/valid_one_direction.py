"""An orientation-selective 3×3 kernel: rows and columns sum to zero (silent on flat regions,
horizontal and vertical edges) and so do its anti-diagonals, so it responds to edges along
j - i only and ignores the other diagonal. A valid (even sharper) diagonal detector."""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[0.0, 1.0, -1.0], [-1.0, 0.0, 1.0], [1.0, -1.0, 0.0]])
