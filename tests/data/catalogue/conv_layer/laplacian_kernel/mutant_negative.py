"""[[0, -1, 0], [-1, 4, -1], [0, -1, 0]]: the sign convention of image-processing notes
(the negative Laplacian), so it gives -(f_xx + f_yy).

Hints: conv_layer.laplacian_kernel.mistake.negated
"""
import torch


def laplacian_kernel():
    return torch.tensor([[0.0, -1.0, 0.0], [-1.0, 4.0, -1.0], [0.0, -1.0, 0.0]])
