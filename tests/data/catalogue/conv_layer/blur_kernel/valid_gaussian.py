"""A Gaussian with sigma = size / 3, centred at (size - 1) / 2 (between two pixels for even
sizes, so it stays symmetric), normalised to sum to 1."""
import torch


def blur_kernel(size):
    sigma = size / 3
    x = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
    g = torch.exp(-x**2 / (2 * sigma**2))
    K = torch.outer(g, g)
    return K / K.sum()
