"""A Gaussian with a tiny sigma (0.05): for odd sizes all the weight lands on the centre tap,
a spike that is non-negative, symmetric and sums to 1 but does not blur at all (it only
shifts the image, so the noise keeps its variance).

Hints: conv_layer.blur_kernel.hint.spread
"""
import torch


def blur_kernel(size):
    x = torch.arange(size, dtype=torch.float64) - (size - 1) / 2
    g = torch.exp(-x**2 / (2 * 0.05**2))
    K = torch.outer(g, g)
    return K / K.sum()
