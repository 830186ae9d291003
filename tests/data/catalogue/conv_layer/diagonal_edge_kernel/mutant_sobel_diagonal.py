"""The "diagonal Sobel" [[0, 1, 2], [-1, 0, 1], [-2, -1, 0]] from image-processing notes:
a gradient along the diagonal, so it also responds to horizontal and vertical edges.

Hints: conv_layer.diagonal_edge_kernel.hint.columns_cancel, conv_layer.diagonal_edge_kernel.hint.rows_cancel
"""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[0.0, 1.0, 2.0], [-1.0, 0.0, 1.0], [-2.0, -1.0, 0.0]])
