"""Binomial coefficients without the alternating signs: a smoothing kernel, not a derivative.

Hints: conv_layer.derivative_kernel.hint.exact, conv_layer.derivative_kernel.hint.taps
"""
import math

import torch


def derivative_kernel(d):
    return torch.tensor([[float(math.comb(d, k)) for k in range(d + 1)]])


def min_derivative_kernel_size(d):
    return d + 1
