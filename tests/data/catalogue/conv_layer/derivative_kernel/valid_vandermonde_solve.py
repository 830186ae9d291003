"""Solves for the taps: exactness on 1, x, ..., x**d at the samples x = 0..d is a Vandermonde
system V.T @ K = d! * e_d, solved in float64 with torch.linalg.solve (tiny rounding errors,
well within the tolerance)."""
import math

import torch


def derivative_kernel(d):
    x = torch.arange(d + 1, dtype=torch.float64)
    V = x[None, :] ** torch.arange(d + 1, dtype=torch.float64)[:, None]  # V[m, k] = k**m
    rhs = torch.zeros(d + 1, dtype=torch.float64)
    rhs[d] = math.factorial(d)
    return torch.linalg.solve(V, rhs).reshape(1, d + 1)


def min_derivative_kernel_size(d):
    return d + 1
