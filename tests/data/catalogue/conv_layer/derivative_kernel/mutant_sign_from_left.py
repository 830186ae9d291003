"""Taps (-1)**k * C(d, k), starting positive on the left (like d2l's [[1, -1]]): under
cross-correlation this is (-1)**d times the derivative, wrong for odd d.

Hints: conv_layer.derivative_kernel.mistake.sign
"""
import math

import torch


def derivative_kernel(d):
    return torch.tensor([[float((-1) ** k * math.comb(d, k)) for k in range(d + 1)]])


def min_derivative_kernel_size(d):
    return d + 1
