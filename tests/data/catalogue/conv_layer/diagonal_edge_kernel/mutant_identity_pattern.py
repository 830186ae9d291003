"""torch.eye(2) as the kernel ("a diagonal kernel for diagonal edges"): it does not even
cancel on flat regions (its taps sum to 2).

Hints: conv_layer.diagonal_edge_kernel.hint.columns_cancel, conv_layer.diagonal_edge_kernel.hint.rows_cancel, conv_layer.diagonal_edge_kernel.hint.sum_zero
"""
import torch


def diagonal_edge_kernel():
    return torch.eye(2)
