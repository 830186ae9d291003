"""A centred Gaussian without the final division: its peak is 1 and it sums to more than 1.

Hints: conv_layer.blur_kernel.hint.keeps_constant, conv_layer.blur_kernel.hint.spread, conv_layer.blur_kernel.hint.sum_one
"""
import torch


def blur_kernel(size):
    x = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
    g = torch.exp(-x**2 / 2)
    return torch.outer(g, g)
