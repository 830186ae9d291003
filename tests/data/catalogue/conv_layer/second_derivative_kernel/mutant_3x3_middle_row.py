"""[[0, 0, 0], [1, -2, 1], [0, 0, 0]]: exact, but 3×3 is not the smallest kernel (1×3 is).

Hints: conv_layer.second_derivative_kernel.hint.shape
"""
import torch


def second_derivative_kernel():
    K = torch.zeros(3, 3)
    K[1] = torch.tensor([1.0, -2.0, 1.0])
    return K
