"""The 4-neighbour Laplacian divided by 4 ("normalised"): a quarter of f_xx + f_yy.

Hints: conv_layer.laplacian_kernel.hint.exact
"""
import torch


def laplacian_kernel():
    return torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]) / 4
