"""A tent (pyramid) filter built with loops: weights fall off linearly from the centre."""
import torch


def blur_kernel(size):
    centre = (size - 1) / 2
    K = torch.zeros(size, size)
    for i in range(size):
        for j in range(size):
            K[i, j] = (centre + 1 - abs(i - centre)) * (centre + 1 - abs(j - centre))
    return K / K.sum()
