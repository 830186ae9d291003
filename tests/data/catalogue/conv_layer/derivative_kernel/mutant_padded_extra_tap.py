"""The right taps plus a trailing zero: exact, but (1, d + 2) instead of (1, d + 1).

Hints: conv_layer.derivative_kernel.hint.shape
"""
import math

import torch


def derivative_kernel(d):
    taps = [(-1) ** (d - k) * math.comb(d, k) for k in range(d + 1)] + [0]
    return torch.tensor([taps], dtype=torch.float32)


def min_derivative_kernel_size(d):
    return d + 1
