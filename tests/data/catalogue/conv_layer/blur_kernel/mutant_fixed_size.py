"""Ignores size: always the 3×3 box.

Hints: conv_layer.blur_kernel.hint.shape
"""
import torch


def blur_kernel(size):
    return torch.full((3, 3), 1.0 / 9)
