"""[[-1, 2, -1]]: the negative second difference (as in the image-processing Laplacian), -2a.

Hints: conv_layer.second_derivative_kernel.mistake.negated
"""
import torch


def second_derivative_kernel():
    return torch.tensor([[-1.0, 2.0, -1.0]])
