"""The same stencil as an int64 tensor: integer kernels are exact."""
import torch


def second_derivative_kernel():
    return torch.tensor([[1, -2, 1]])
