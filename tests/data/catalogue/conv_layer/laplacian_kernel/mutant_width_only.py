"""Only the second difference along the width, padded to 3×3: f_xx, missing f_yy.

Hints: conv_layer.laplacian_kernel.hint.exact
"""
import torch


def laplacian_kernel():
    return torch.tensor([[0.0, 0.0, 0.0], [1.0, -2.0, 1.0], [0.0, 0.0, 0.0]])
