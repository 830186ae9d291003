"""Divides the forward difference by d! ("to normalise"), so x**d gives 1 instead of d!.

Hints: conv_layer.derivative_kernel.mistake.divided
"""
import math

import torch


def derivative_kernel(d):
    taps = [(-1) ** (d - k) * math.comb(d, k) / math.factorial(d) for k in range(d + 1)]
    return torch.tensor([taps])


def min_derivative_kernel_size(d):
    return d + 1
