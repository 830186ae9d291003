"""The 8-neighbour stencil without the division by 3: three times the Laplacian.

Hints: conv_layer.laplacian_kernel.hint.exact
"""
import torch


def laplacian_kernel():
    K = torch.ones(3, 3)
    K[1, 1] = -8.0
    return K
