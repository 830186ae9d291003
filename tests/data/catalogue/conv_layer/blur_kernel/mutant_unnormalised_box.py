"""torch.ones(size, size): a box that forgets to divide, so it sums to size**2 and brightens
every image.

Hints: conv_layer.blur_kernel.hint.keeps_constant, conv_layer.blur_kernel.hint.spread, conv_layer.blur_kernel.hint.sum_one
"""
import torch


def blur_kernel(size):
    return torch.ones(size, size)
