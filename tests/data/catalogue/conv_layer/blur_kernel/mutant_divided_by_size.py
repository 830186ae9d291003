"""Divides by size instead of size**2: the taps sum to size.

Hints: conv_layer.blur_kernel.hint.keeps_constant, conv_layer.blur_kernel.hint.spread, conv_layer.blur_kernel.hint.sum_one
"""
import torch


def blur_kernel(size):
    return torch.ones(size, size) / size
