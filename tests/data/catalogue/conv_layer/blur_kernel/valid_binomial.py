"""A binomial filter: row (size - 1) of Pascal's triangle, outer product with itself, divided
by 4**(size - 1), in float64 (the discrete cousin of a Gaussian)."""
import math

import torch


def blur_kernel(size):
    row = torch.tensor([math.comb(size - 1, k) for k in range(size)], dtype=torch.float64)
    return torch.outer(row, row) / 4 ** (size - 1)
