"""All the weight on the centre tap (a Gaussian with a vanishing sigma): non-negative,
symmetric, sums to 1, but it does not blur at all (even sizes: the four middle taps)."""
import torch


def blur_kernel(size):
    K = torch.zeros(size, size)
    lo, hi = (size - 1) // 2, size // 2
    K[lo:hi + 1, lo:hi + 1] = 1.0
    if size % 2 == 0:
        K = torch.zeros(size, size)
        K[lo, lo] = 1.0
    return K
