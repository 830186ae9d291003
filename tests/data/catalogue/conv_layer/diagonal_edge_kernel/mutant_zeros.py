"""The zero kernel: silent everywhere, so it never responds to a diagonal edge either.

Hints: conv_layer.diagonal_edge_kernel.hint.responds
"""
import torch


def diagonal_edge_kernel():
    return torch.zeros(2, 2)
