"""[[1, -1], [-1, 2]]: almost the mixed difference, but one tap is off, so flat regions
and straight edges leak through.

Hints: conv_layer.diagonal_edge_kernel.hint.columns_cancel, conv_layer.diagonal_edge_kernel.hint.rows_cancel, conv_layer.diagonal_edge_kernel.hint.sum_zero
"""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[1.0, -1.0], [-1.0, 2.0]])
