"""A narrow Gaussian, sigma = (size - 1) / 6 (the "three sigmas to the border" rule), sigma 0
for size 1 handled by the [[1]] kernel: still a blur, if a gentle one (3×3 keeps about 92 %
of the noise variance)."""
import math

import torch


def blur_kernel(size):
    if size == 1:
        return torch.ones(1, 1)
    sigma = (size - 1) / 6
    centre = (size - 1) / 2
    g = torch.tensor([math.exp(-((k - centre) ** 2) / (2 * sigma**2)) for k in range(size)])
    g = g / g.sum()
    return g[:, None] * g[None, :]
