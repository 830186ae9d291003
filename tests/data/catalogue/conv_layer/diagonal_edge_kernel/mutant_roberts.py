"""Roberts' cross [[1, 0], [0, -1]]: a classic "diagonal" operator, but its rows sum to
1 and -1, so it fires on horizontal (and vertical) edges too.

Hints: conv_layer.diagonal_edge_kernel.hint.columns_cancel, conv_layer.diagonal_edge_kernel.hint.rows_cancel
"""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[1.0, 0.0], [0.0, -1.0]])
