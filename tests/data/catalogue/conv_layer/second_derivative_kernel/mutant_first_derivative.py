"""d2l's [[1, -1]]: a first difference, so it gives -(2a*x + a + b), not 2a, and has only
two taps.

Hints: conv_layer.second_derivative_kernel.hint.exact, conv_layer.second_derivative_kernel.mistake.too_few_taps
"""
import torch


def second_derivative_kernel():
    return torch.tensor([[1.0, -1.0]])
