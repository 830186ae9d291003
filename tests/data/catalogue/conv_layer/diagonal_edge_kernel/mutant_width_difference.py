"""d2l's vertical-edge kernel [[1, -1]]: it sees diagonal edges, but vertical ones as well.

Hints: conv_layer.diagonal_edge_kernel.hint.columns_cancel
"""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[1.0, -1.0]])
