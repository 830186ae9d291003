"""A Gaussian centred at size // 2: for even sizes the centre falls on a pixel off the middle,
so the kernel is lopsided (not symmetric under flips).

Hints: conv_layer.blur_kernel.hint.centred
"""
import torch


def blur_kernel(size):
    x = torch.arange(size, dtype=torch.float32) - size // 2
    g = torch.exp(-x**2 / 2)
    K = torch.outer(g, g)
    return K / K.sum()
