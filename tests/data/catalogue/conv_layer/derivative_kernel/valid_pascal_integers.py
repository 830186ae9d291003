"""Pascal's triangle by hand, int64 taps: integer kernels are exact."""
import torch


def derivative_kernel(d):
    row = [1]
    for _ in range(d):
        row = [a + b for a, b in zip([0] + row, row + [0])]
    taps = [(-1) ** (d - k) * c for k, c in enumerate(row)]
    return torch.tensor([taps])


def min_derivative_kernel_size(d):
    return len(range(d + 1))
