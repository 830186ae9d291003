"""The 4-neighbour Laplacian padded to 5×5: exact, but the question asks for 3×3.

Hints: conv_layer.laplacian_kernel.hint.shape
"""
import torch
import torch.nn.functional as F


def laplacian_kernel():
    return F.pad(torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]), (1, 1, 1, 1))
