"""torch.tensor([1., -2., 1.]) without the double brackets: a 1-D tensor, which corr2d cannot
use as a kernel (K.shape has one entry).

Hints: conv_layer.kernels.mistake.one_d
"""
import torch


def second_derivative_kernel():
    return torch.tensor([1.0, -2.0, 1.0])
