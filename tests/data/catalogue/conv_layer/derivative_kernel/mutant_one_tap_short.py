"""Off by one in the loop: builds the (d - 1)-th difference ((1, d) taps; [[1]] for d = 0),
so the kernel is one order short.

Hints: conv_layer.derivative_kernel.hint.exact, conv_layer.derivative_kernel.hint.shape, conv_layer.derivative_kernel.hint.taps
"""
import math

import torch


def derivative_kernel(d):
    n = max(d - 1, 0)
    return torch.tensor([[(-1) ** (n - k) * math.comb(n, k) for k in range(n + 1)]], dtype=torch.float32)


def min_derivative_kernel_size(d):
    return d + 1
