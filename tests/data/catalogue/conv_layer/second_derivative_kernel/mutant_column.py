"""[[1], [-2], [1]] of shape (3, 1): a second derivative down the height (dim 0), not along
the width, so on images that vary along the width it gives 0.

Hints: conv_layer.second_derivative_kernel.mistake.column
"""
import torch


def second_derivative_kernel():
    return torch.tensor([[1.0], [-2.0], [1.0]])
