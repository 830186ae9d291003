"""Right kernel, but min_derivative_kernel_size returns d (one sample too few).

Hints: conv_layer.derivative_kernel.mistake.size_d
"""
import math

import torch


def derivative_kernel(d):
    return torch.tensor([[(-1) ** (d - k) * math.comb(d, k) for k in range(d + 1)]], dtype=torch.float32)


def min_derivative_kernel_size(d):
    return d
