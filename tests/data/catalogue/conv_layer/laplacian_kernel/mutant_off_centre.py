"""[[0, 1, 0], [1, -4, 1], [0, 0, 1]]: one neighbour put in a corner by mistake; the taps
still sum to zero, but ramps and the mixed term leak through.

Hints: conv_layer.laplacian_kernel.hint.exact, conv_layer.laplacian_kernel.hint.linear
"""
import torch


def laplacian_kernel():
    return torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 0.0, 1.0]])
